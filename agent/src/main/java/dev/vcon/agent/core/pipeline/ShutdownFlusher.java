package dev.vcon.agent.core.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The body of the agent's JVM shutdown hook. Shutdown hooks run concurrently, so the host's own
 * hook may still be finishing chain runs: first wait (bounded) for the in-flight count to reach
 * zero so their spans and counts are recorded, then flush and shut down (bounded). The count is of
 * runs that can still end: a run on the thread blocked in {@code System.exit}, on a daemon thread
 * or on a dead one never will, and waiting for it would only hold the exit. Whatever is still open
 * after the drain is closed as abandoned before the flush. Never hangs the exit: from here on
 * nothing is retried ({@link CollectorHealth}), a collector last seen refusing connections gets
 * {@link CollectorHealth#REFUSING_EXIT_BOUND}, one that accepts and never answers the flush
 * timeout; whatever is left then is abandoned. Both timeouts are the configured ones ({@code
 * vcon.agent.drain.timeout}, {@code vcon.agent.shutdown.timeout}); this class has no defaults of
 * its own.
 */
public final class ShutdownFlusher implements Runnable {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final TelemetryHolder holder;
  private final LongSupplier inFlightRuns;
  private final Runnable closeRunsLeft;
  private final Duration drainTimeout;
  private final Duration flushTimeout;
  private final LongSupplier nanoTime;
  private final LongConsumer parkNanos;

  /**
   * @param inFlightRuns the runs that can still end
   * @param closeRunsLeft ends, after the drain, the runs still open (so none stays in flight)
   */
  public ShutdownFlusher(
      TelemetryHolder holder,
      LongSupplier inFlightRuns,
      Runnable closeRunsLeft,
      Duration drainTimeout,
      Duration flushTimeout) {
    this(
        holder,
        inFlightRuns,
        closeRunsLeft,
        drainTimeout,
        flushTimeout,
        System::nanoTime,
        LockSupport::parkNanos);
  }

  /** With the clock and the pause between polls injected, so tests control time. */
  ShutdownFlusher(
      TelemetryHolder holder,
      LongSupplier inFlightRuns,
      Runnable closeRunsLeft,
      Duration drainTimeout,
      Duration flushTimeout,
      LongSupplier nanoTime,
      LongConsumer parkNanos) {
    this.holder = holder;
    this.inFlightRuns = inFlightRuns;
    this.closeRunsLeft = closeRunsLeft;
    this.drainTimeout = drainTimeout;
    this.flushTimeout = flushTimeout;
    this.nanoTime = nanoTime;
    this.parkNanos = parkNanos;
  }

  @Override
  public void run() {
    awaitDrained();
    try {
      closeRunsLeft.run();
    } catch (RuntimeException ignored) {
      // the flush matters more than the runs left open
    }
    CollectorHealth health = holder.collectorHealth();
    health.exiting();
    holder.shutdown(health.exitBound(flushTimeout));
  }

  /** {@code true} if the in-flight count reached zero within the drain timeout. */
  boolean awaitDrained() {
    long deadline = nanoTime.getAsLong() + drainTimeout.toNanos();
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
      if (nanoTime.getAsLong() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        return false;
      }
      parkNanos.accept(POLL_NANOS);
    }
  }
}
