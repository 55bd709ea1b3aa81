package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline is built on a background thread, after a start delay or as soon as an instrumented
 * call needs it, whichever comes first. That first call waits for it, at most once and briefly;
 * after that, calls that find no pipeline are simply not recorded (never half-recorded: a run's +1
 * and -1 travel together in its handle).
 */
public final class DeferredTelemetry implements TelemetrySource {

  private final CountDownLatch wanted = new CountDownLatch(1);
  private final CountDownLatch settled = new CountDownLatch(1);
  private final long maxWaitNanos;
  private volatile TelemetryHolder holder;
  private volatile boolean waited;

  public DeferredTelemetry(long maxWaitNanos) {
    this.maxWaitNanos = maxWaitNanos;
  }

  /** For the start-up thread: returns when the delay has passed or a call wants the pipeline. */
  public void awaitStartRequest(long delayNanos) throws InterruptedException {
    wanted.await(delayNanos, TimeUnit.NANOSECONDS);
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
      wanted.countDown();
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
