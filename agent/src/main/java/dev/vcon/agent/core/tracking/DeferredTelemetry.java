package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import dev.vcon.agent.core.prestart.PreStartBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline is built on a background thread, after a start delay or as soon as an instrumented
 * call asks for it, whichever comes first. No call ever waits for it: until it is ready, calls
 * record into the {@link PreStartBuffer} (bounded), which replays them with their own timestamps
 * when the pipeline is {@link #ready}. Only the exit hook waits (bounded) for a start under way, so
 * what was recorded is not lost.
 */
public final class DeferredTelemetry implements TelemetrySource {

  private final CountDownLatch wanted = new CountDownLatch(1);
  private final CountDownLatch settled = new CountDownLatch(1);
  private final PreStartBuffer buffer;
  private final Telemetry beforeStart;
  private volatile TelemetryHolder holder;
  private volatile boolean failed;
  private volatile boolean recorded;

  public DeferredTelemetry(PreStartBuffer buffer) {
    this.buffer = buffer;
    this.beforeStart = Telemetry.beforeStart(buffer.tracer(), buffer.meter());
  }

  /** For the start-up thread: returns when the delay has passed or a call wants the pipeline. */
  public void awaitStartRequest(long delayNanos) throws InterruptedException {
    wanted.await(delayNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Whether there may be something to flush at exit: the pipeline is up, or an instrumented call
   * recorded into the buffer meanwhile.
   */
  public boolean mayHaveRecorded() {
    return holder != null || recorded;
  }

  /**
   * Asks for the pipeline now, without waiting for it: a class to instrument was loaded, so a call
   * is likely soon. Until one records, the exit does not wait for the start this began.
   */
  public void request() {
    wanted.countDown();
  }

  /** The pipeline is up: what waited in the buffer goes to it, and so does everything after. */
  public void ready(TelemetryHolder readyHolder) {
    Telemetry generation = readyHolder.current();
    buffer.open(generation.tracer(), generation.meter());
    holder = readyHolder;
    settled.countDown();
  }

  /** The pipeline could not be built: what waited is dropped, nothing more is recorded. */
  public void failed() {
    failed = true;
    settled.countDown();
  }

  /** For the exit hook: waits at most {@code timeoutNanos} for a start under way to settle. */
  public TelemetryHolder awaitSettled(long timeoutNanos) throws InterruptedException {
    settled.await(timeoutNanos, TimeUnit.NANOSECONDS);
    return holder;
  }

  @Override
  public Telemetry current() {
    TelemetryHolder current = holder;
    if (current != null) {
      return current.current();
    }
    if (failed) {
      return null;
    }
    if (!recorded) {
      recorded = true;
      wanted.countDown();
    }
    return beforeStart;
  }
}
