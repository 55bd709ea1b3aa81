package dev.vcon.agent.core;

import java.lang.instrument.Instrumentation;

/** Placeholder while the pieces land. */
public final class AgentStarter {
  private AgentStarter() {}

  public static void start(Instrumentation inst, String agentArgs) {
    System.err.println("vcon-otel-agent: starter reached");
  }
}
