package dev.vcon.agent.core.tracking;

/**
 * Whether the thread a chain run is open on can still end it while the JVM exits. The exit drain
 * waits only for those: a run can never end on a thread that is dead, on a daemon thread (the JVM
 * stops daemon threads where they stand once the shutdown hooks are done, so waiting for them only
 * holds the exit), or on the thread that called {@code System.exit} (it waits inside {@code
 * java.lang.Shutdown} for the hooks, the drain among them, and never returns to the run).
 */
final class RunThreads {

  private static final String SHUTDOWN = "java.lang.Shutdown";

  private RunThreads() {}

  static boolean canStillEnd(Thread thread) {
    return thread != null && thread.isAlive() && !thread.isDaemon() && !isInExit(thread);
  }

  /**
   * A thread inside {@code Shutdown.exit} is blocked there (waiting for the hooks, or for the lock
   * of a concurrent exit); only a blocked thread's stack is read, and only at exit.
   */
  static boolean isInExit(Thread thread) {
    Thread.State state = thread.getState();
    if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (SHUTDOWN.equals(frame.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
