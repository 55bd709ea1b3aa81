package dev.vcon.agent.core.tracking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chain runs in progress: the stack of runs open on each thread, and the index by vCon id, so a
 * link or storage call made on another thread (an executor writing storages in parallel) finds its
 * vCon's root span. Entries leave when their run ends, so both hold at most the in-flight runs.
 */
final class ActiveRuns {

  private final ConcurrentHashMap<String, ChainRun> byVconId = new ConcurrentHashMap<>();
  private final ThreadLocal<ChainRun> onThread = new ThreadLocal<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  /** The innermost run open on this thread, or null. */
  ChainRun onThisThread() {
    return onThread.get();
  }

  void started(ChainRun run) {
    inFlight.incrementAndGet();
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

  void ended(ChainRun run) {
    if (run.vconId != null) {
      byVconId.remove(run.vconId, run);
    }
    String alias = run.alias;
    if (alias != null) {
      byVconId.remove(alias, run);
    }
    inFlight.decrementAndGet();
    if (onThread.get() == run) {
      if (run.previousOnThread == null) {
        onThread.remove(); // leave nothing behind in pooled threads
      } else {
        onThread.set(run.previousOnThread);
      }
    }
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

  /** Chain runs started and not yet ended, for the exit hook's drain. */
  int inFlight() {
    return inFlight.get();
  }
}
