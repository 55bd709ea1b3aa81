package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline is built on a background thread so premain returns at once. A chain run that
 * starts before it is ready waits for it, at most once and briefly; after that, runs that find no
 * pipeline are simply not recorded (never half-recorded: the +1 and -1 travel together).
 */
public final class DeferredTelemetry implements TelemetrySource {

  private final CountDownLatch settled = new CountDownLatch(1);
  private final long maxWaitNanos;
  private volatile TelemetryHolder holder;
  private volatile boolean waited;

  public DeferredTelemetry(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  public void ready(TelemetryHolder readyHolder) {
    holder = readyHolder;
    settled.countDown();
  }

  /** The pipeline could not be built: stop waiting, record nothing. */
  public void failed() {
    settled.countDown();
  }

  @Override
  public Telemetry current() {
    TelemetryHolder current = holder;
    if (current == null && !waited) {
      try {
        settled.await(maxWaitNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      waited = true;
      current = holder;
    }
    return current == null ? null : current.current();
  }
}
