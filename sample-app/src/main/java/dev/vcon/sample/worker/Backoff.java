package dev.vcon.sample.worker;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Exponential retry delay for an unreachable queue: one stderr line per attempt, waits that double
 * up to a cap, and a wait that ends early when the process is told to stop.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;
  private int attempt;

  public Backoff(long initialMillis, long maxMillis) {
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.nextMillis = initialMillis;
  }

  /** Logs the failure and waits; returns false when {@code stop} was released meanwhile. */
  public boolean failedThenWait(
      String what, RuntimeException failure, PrintStream log, CountDownLatch stop)
      throws InterruptedException {
    attempt++;
    log.println(
        "vcon-retry attempt="
            + attempt
            + " what="
            + what
            + " retry_in_ms="
            + nextMillis
            + " reason="
            + failure.getMessage());
    boolean stopped = stop.await(nextMillis, TimeUnit.MILLISECONDS);
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    return !stopped;
  }

  public int attempts() {
    return attempt;
  }

  public void reset() {
    attempt = 0;
    nextMillis = initialMillis;
  }
}
