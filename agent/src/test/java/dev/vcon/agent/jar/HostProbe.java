package dev.vcon.agent.jar;

import java.lang.management.ManagementFactory;

/**
 * A host main run with the real agent jar: it reports what the host can see of the agent and which
 * agent threads exist, then waits a little so the deferred start can finish.
 */
public final class HostProbe {

  private HostProbe() {}

  public static void main(String[] args) throws Exception {
    for (String name :
        new String[] {
          "io.opentelemetry.api.GlobalOpenTelemetry",
          "dev.vcon.agent.shaded.io.opentelemetry.api.GlobalOpenTelemetry",
          "net.bytebuddy.ByteBuddy",
          "dev.vcon.agent.shaded.net.bytebuddy.ByteBuddy",
          "okhttp3.OkHttpClient",
          "kotlin.Unit",
          "dev.vcon.agent.bridge.Dispatchers"
        }) {
      System.out.println("visible " + name + " " + visibility(name));
    }
    long deadline =
        System.currentTimeMillis() + (args.length > 0 ? Long.parseLong(args[0]) : 10_000);
    while (!agentStarted() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("vcon-otel-agent")) {
        System.out.println("thread " + thread.getName());
      }
    }
    System.out.println("pid " + ManagementFactory.getRuntimeMXBean().getPid());
    System.out.println("host ok");
  }

  /** The agent's start-up thread ends once the pipeline is up (or when the agent is off). */
  private static boolean agentStarted() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("vcon-otel-agent-start")) {
        return false;
      }
    }
    return true;
  }

  private static String visibility(String name) {
    try {
      Class<?> type = Class.forName(name, false, HostProbe.class.getClassLoader());
      return type.getClassLoader() == null ? "boot" : "app";
    } catch (ClassNotFoundException e) {
      return "no";
    }
  }
}
