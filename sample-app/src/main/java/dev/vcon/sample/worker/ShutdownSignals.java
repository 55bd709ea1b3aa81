package dev.vcon.sample.worker;

import java.io.PrintStream;

/**
 * Makes SIGTERM (and SIGINT) exit with status 0 after the shutdown hooks ran.
 *
 * <p>Why: the JVM's own SIGTERM handling runs the shutdown hooks but then exits with 143. Calling
 * {@code Runtime.halt(0)} from a hook would give 0 but cut short every other hook, including a
 * {@code -javaagent}'s telemetry flush. A signal handler that calls {@code System.exit(0)} runs
 * every hook to completion and still exits 0.
 */
public final class ShutdownSignals {

  private ShutdownSignals() {}

  public static void exitZeroOnTermination(PrintStream log) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> System.exit(0));
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // -Xrs or a platform without the signal: the default handling (exit 128+n) stays.
        log.println("vcon-signal-default signal=" + name + " reason=" + e.getMessage());
      }
    }
  }
}
