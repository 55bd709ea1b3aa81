package dev.vcon.agent.core.tracking;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chain runs in progress: the stack of runs open on each thread, and the index by vCon id, so a
 * link or storage call made on another thread (an executor writing storages in parallel) finds its
 * vCon's root span. Entries leave when their run ends, so both hold at most the in-flight runs.
 *
 * <p>A run whose exit never came (a {@code StackOverflowError} can leave no stack for the exit
 * advice) is ended as abandoned when a run below it on its thread ends, and, at the JVM's exit, by
 * {@link #abandonOpen}; the exit drain waits only for runs that can still end ({@link
 * #thatCanStillEnd}).
 */
final class ActiveRuns {

  /**
   * Tables sized for many runs at once from the start: an insert into an occupied bin takes that
   * bin's monitor, and with the default 16 bins the host's threads starting runs together queued
   * there (64 threads on 2 CPUs: a holder preempted, the others waiting for its next time slice). A
   * few KiB each.
   */
  private static final int BINS = 512;

  private final ConcurrentHashMap<String, ChainRun> byVconId = new ConcurrentHashMap<>(BINS);
  private final ThreadLocal<ChainRun> onThread = new ThreadLocal<>();
  private final Set<ChainRun> open = ConcurrentHashMap.newKeySet(BINS);

  /** The innermost run open on this thread, or null. */
  ChainRun onThisThread() {
    return onThread.get();
  }

  void started(ChainRun run) {
    open.add(run);
    if (run.vconId != null) {
      byVconId.put(run.vconId, run);
    }
    onThread.set(run);
  }

  /** A link returned a new uuid to continue with: later calls under that uuid belong here too. */
  void alias(ChainRun run, String newVconId) {
    if (run.alias == null && newVconId != null && !newVconId.equals(run.vconId)) {
      run.alias = newVconId;
      byVconId.putIfAbsent(newVconId, run);
    }
  }

  /** The run ended through its exit, on its own thread. */
  void ended(ChainRun run) {
    forget(run);
    ChainRun top = onThread.get();
    if (top == null || !isOnStack(top, run)) {
      return; // ended on another thread than it started on: this thread's stack is not its
    }
    // Runs above this one whose exit never came (the stack overflowed in their exit advice).
    for (ChainRun stale = top; stale != run; stale = stale.previousOnThread) {
      forget(stale);
      stale.abandon();
    }
    if (run.previousOnThread == null) {
      // Nothing of ours is left behind in pooled threads; set, not removed: the next get() would
      // put the entry back (ThreadLocal.get inserts on a miss), allocating it on every run.
      onThread.set(null);
    } else {
      onThread.set(run.previousOnThread);
    }
  }

  private static boolean isOnStack(ChainRun top, ChainRun run) {
    for (ChainRun r = top; r != null; r = r.previousOnThread) {
      if (r == run) {
        return true;
      }
    }
    return false;
  }

  /** Removes the run from the indexes (not from its thread's stack, which may be another's). */
  void forget(ChainRun run) {
    if (run.vconId != null) {
      byVconId.remove(run.vconId, run);
    }
    String alias = run.alias;
    if (alias != null) {
      byVconId.remove(alias, run);
    }
    open.remove(run);
  }

  /**
   * The run a link or storage call belongs to: the one open on this thread when it processes the
   * same vCon, else the one processing that vCon on another thread, else none (the call then starts
   * its own trace: a link that writes another vCon does not belong to this run).
   */
  ChainRun parentOf(String vconId) {
    ChainRun current = onThread.get();
    if (current != null && (vconId == null || current.isFor(vconId))) {
      return current;
    }
    return vconId == null ? null : byVconId.get(vconId);
  }

  /** Chain runs started and not yet ended. */
  int inFlight() {
    return open.size();
  }

  /** Open runs whose thread can still end them: all the exit drain should wait for. */
  int thatCanStillEnd() {
    int count = 0;
    for (ChainRun run : open) {
      if (!run.hasEnded() && run.canStillEnd()) {
        count++;
      }
    }
    return count;
  }

  /** At exit, after the drain: ends every run still open as abandoned; returns how many. */
  int abandonOpen() {
    int count = 0;
    for (ChainRun run : open) {
      open.remove(run); // also a run whose end was cut short after it was marked ended
      run.abandon();
      count++;
    }
    return count;
  }
}
