package dev.vcon.sample.chain;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-process counts of chain runs, link runs and storage writes, printed as the worker's summary
 * line on exit. Updated from many threads at once.
 */
public final class ChainStats {

  final LongAdder processed = new LongAdder();
  final LongAdder halted = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder stored = new LongAdder();
  final LongAdder storageFailed = new LongAdder();
  final LongAdder linkSuccess = new LongAdder();
  final LongAdder linkHalt = new LongAdder();
  final LongAdder linkError = new LongAdder();

  /** A chain run whose process() returned, halted or not. */
  public void recordRun(ChainResult result) {
    processed.increment();
    if (result.halted()) {
      halted.increment();
    }
  }

  /** A chain run whose process() threw. */
  public void recordFailedRun() {
    failed.increment();
  }

  public long processed() {
    return processed.sum();
  }

  public long halted() {
    return halted.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public long stored() {
    return stored.sum();
  }

  public long storageFailed() {
    return storageFailed.sum();
  }

  public long linkSuccess() {
    return linkSuccess.sum();
  }

  public long linkHalt() {
    return linkHalt.sum();
  }

  public long linkError() {
    return linkError.sum();
  }

  /** The exact line tests and operators parse; keep the field order and names stable. */
  public String summaryLine(long pid) {
    return "vcon-worker-summary pid="
        + pid
        + " processed="
        + processed()
        + " halted="
        + halted()
        + " failed="
        + failed()
        + " stored="
        + stored()
        + " storage_failed="
        + storageFailed()
        + " link_success="
        + linkSuccess()
        + " link_halt="
        + linkHalt()
        + " link_error="
        + linkError();
  }
}
