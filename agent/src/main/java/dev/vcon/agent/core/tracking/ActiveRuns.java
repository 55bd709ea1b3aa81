package dev.vcon.agent.core.tracking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chain runs in progress, by vCon id, so a link or storage call made on another thread (an
 * executor writing storages in parallel) finds its vCon's root span. Entries leave when their run
 * ends, so the map holds at most the in-flight runs.
 */
final class ActiveRuns {

  private final ConcurrentHashMap<String, ChainRun> byVconId = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  void started(ChainRun run) {
    inFlight.incrementAndGet();
    if (run.vconId != null) {
      byVconId.put(run.vconId, run);
    }
  }

  void alias(String vconId, ChainRun run) {
    byVconId.putIfAbsent(vconId, run);
  }

  void ended(ChainRun run, String alias) {
    if (run.vconId != null) {
      byVconId.remove(run.vconId, run);
    }
    if (alias != null) {
      byVconId.remove(alias, run);
    }
    inFlight.decrementAndGet();
  }

  ChainRun find(String vconId) {
    return vconId == null ? null : byVconId.get(vconId);
  }

  /** Chain runs started and not yet ended, for the exit hook's drain. */
  int inFlight() {
    return inFlight.get();
  }
}
