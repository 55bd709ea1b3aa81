package dev.vcon.agent.core.tracking;

/**
 * Marks the agent's own work on a host thread: while it reads host values (getters, {@code
 * toString}, a link's result) and records the call, an instrumented method those reads reach is not
 * recorded, so a getter that calls a chain method is neither a nested run nor a recursion into the
 * agent. A depth, not a flag, so an inner end does not clear an outer begin.
 */
final class OwnReads {

  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private OwnReads() {}

  /** Whether the agent is reading or recording on this thread right now. */
  static boolean inProgress() {
    return DEPTH.get()[0] > 0;
  }

  /** Starts the agent's own work on this thread; returns the counter {@link #end} takes. */
  static int[] begin() {
    int[] depth = DEPTH.get();
    depth[0]++;
    return depth;
  }

  static void end(int[] depth) {
    depth[0]--;
  }
}
