package dev.vcon.agent.core.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The body of the agent's JVM shutdown hook. Shutdown hooks run concurrently, so the host's own
 * hook may still be finishing chain runs: first wait (bounded) for the in-flight count to reach
 * zero so their spans and counts are recorded, then flush and shut down (bounded). Never hangs the
 * exit: from here on nothing is retried ({@link CollectorHealth}), a collector last seen refusing
 * connections gets {@link CollectorHealth#REFUSING_EXIT_BOUND}, one that accepts and never answers
 * the flush timeout; whatever is left then is abandoned.
 */
public final class ShutdownFlusher implements Runnable {
  /** About 5 s was enough beside the official agent in the prototype; 1 s lost spans. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(3);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final TelemetryHolder holder;
  private final LongSupplier inFlightRuns;
  private final Duration drainTimeout;
  private final Duration flushTimeout;

  public ShutdownFlusher(TelemetryHolder holder, LongSupplier inFlightRuns) {
    this(holder, inFlightRuns, DEFAULT_DRAIN_TIMEOUT, DEFAULT_FLUSH_TIMEOUT);
  }

  public ShutdownFlusher(
      TelemetryHolder holder,
      LongSupplier inFlightRuns,
      Duration drainTimeout,
      Duration flushTimeout) {
    this.holder = holder;
    this.inFlightRuns = inFlightRuns;
    this.drainTimeout = drainTimeout;
    this.flushTimeout = flushTimeout;
  }

  @Override
  public void run() {
    awaitDrained();
    CollectorHealth health = holder.collectorHealth();
    health.exiting();
    holder.shutdown(health.exitBound(flushTimeout));
  }

  /** {@code true} if the in-flight count reached zero within the drain timeout. */
  boolean awaitDrained() {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (true) {
      long inFlight;
      try {
        inFlight = inFlightRuns.getAsLong();
      } catch (RuntimeException e) {
        return false;
      }
      if (inFlight <= 0) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
