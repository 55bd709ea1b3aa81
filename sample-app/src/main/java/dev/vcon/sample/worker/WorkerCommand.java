package dev.vcon.sample.worker;

import dev.vcon.sample.Main;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: the same {@code java} binary and JVM arguments as this process
 * (so {@code -javaagent:...}, {@code -D...} and heap flags are inherited), the same class path, and
 * the {@code run} arguments plus {@code --worker-process}.
 */
public final class WorkerCommand {

  private WorkerCommand() {}

  public static List<String> forChild(List<String> runArguments) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // A debugger agent would make every child fight for the parent's debug port.
      if (!argument.startsWith("-agentlib:jdwp") && !argument.startsWith("-Xrunjdwp")) {
        command.add(argument);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("run");
    command.addAll(runArguments);
    command.add("--worker-process");
    return command;
  }

  static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
