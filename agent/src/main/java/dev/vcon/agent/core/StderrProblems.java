package dev.vcon.agent.core;

import java.util.function.Consumer;

/**
 * Where configuration and instrumentation problems go: one line each on stderr, which is what an
 * operator reads when the agent does not do what they expected. Never a stack trace.
 */
enum StderrProblems implements Consumer<String> {
  INSTANCE;

  @Override
  public void accept(String line) {
    System.err.println(line);
  }
}
