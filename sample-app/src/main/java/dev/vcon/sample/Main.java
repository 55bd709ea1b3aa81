package dev.vcon.sample;

import dev.vcon.sample.cli.ProduceCommand;
import dev.vcon.sample.cli.RunCommand;
import dev.vcon.sample.cli.UsageException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * A conserver-like vCon server in plain Java, the host the vcon-otel agent is shown and tested on.
 * It holds no telemetry code on purpose: everything observable comes from the agent.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(overview());
      exit(args.length == 0 ? 2 : 0);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "run" -> {
          int code = RunCommand.execute(rest, System.getenv(), out, err);
          // 0 means the JVM is already shutting down (SIGTERM): let the hooks finish.
          if (code != 0) {
            exit(code);
          }
        }
        case "produce" -> exit(ProduceCommand.execute(rest, System.getenv(), out, err));
        default -> {
          err.println("unknown command '" + args[0] + "'");
          err.print(overview());
          exit(2);
        }
      }
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.print(args[0].equals("run") ? RunCommand.usage() : ProduceCommand.usage());
      exit(2);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      exit(2);
    }
  }

  private static String overview() {
    return """
    Usage: java -jar sample-app.jar <command> [options]

    Commands:
      run       run the server (worker loop, or a supervisor of worker processes)
      produce   enqueue generated vCons on an ingress list

    Use '<command> --help' for the options of each.
    """;
  }

  private static void exit(int code) {
    System.out.flush();
    System.exit(code);
  }
}
