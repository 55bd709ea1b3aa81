package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What chain runs, links and storages record before the pipeline is built, so that no host thread
 * ever waits for it: spans are kept with their own start and end times and replayed with them (the
 * SDK's explicit timestamps) once the pipeline is {@link #open opened}; counter and up-down counter
 * additions are summed per attribute set (so every +1 meets its -1), histogram values kept one by
 * one.
 *
 * <p>Bounded: at most {@link #MAX_SPANS} spans and {@link #MAX_HISTOGRAM_VALUES} values per
 * histogram wait; a span past the bound is not recorded (its call runs untraced) and counted in
 * {@link #dropped()}, as is a histogram value. Counter sums need no bound beyond the attribute
 * sets, which the tracker already bounds.
 *
 * <p>Once open, nothing new waits here: a pending span becomes a real one the first time anything
 * touches it (or when {@link #open} drains it), and instruments forward to the real ones.
 */
public final class PreStartBuffer {
  /** About 400 chain runs of three links and a storage; a few hundred KiB at most. */
  public static final int MAX_SPANS = 2048;

  public static final int MAX_HISTOGRAM_VALUES = 4096;

  private final LongSupplier epochNanos;
  private final ConcurrentLinkedQueue<PendingSpan> spans = new ConcurrentLinkedQueue<>();
  private final List<PendingInstrument> instruments = new CopyOnWriteArrayList<>();
  private final AtomicInteger spanCount = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final PendingTracer tracer = new PendingTracer(this);
  private final PendingMeter meter = new PendingMeter(this);
  private volatile Tracer realTracer;
  private volatile Meter realMeter;

  /**
   * @param epochNanos the clock spans are stamped with: epoch nanoseconds, as the SDK's own.
   */
  public PreStartBuffer(LongSupplier epochNanos) {
    this.epochNanos = epochNanos;
  }

  /** The system clock in epoch nanoseconds, at microsecond resolution or better. */
  public static long systemEpochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Records spans here until {@link #open}, then hands out the real tracer's builders. */
  public Tracer tracer() {
    return tracer;
  }

  /** Instruments that sum here until {@link #open}, then forward to the real meter's. */
  public Meter meter() {
    return meter;
  }

  /**
   * The pipeline is ready: every pending span becomes a real span with its own timestamps, every
   * pending measurement goes to the real instruments. Called once, on the start-up thread.
   */
  public void open(Tracer tracer, Meter meter) {
    realMeter = meter;
    realTracer = tracer;
    for (PendingInstrument instrument : instruments) {
      instrument.materialize(meter);
    }
    PendingSpan span;
    while ((span = spans.poll()) != null) {
      span.materialize();
    }
  }

  /** Spans and histogram values that went past the bound and were not recorded. */
  public long dropped() {
    return dropped.sum();
  }

  /** Spans still waiting for the pipeline. */
  public int pendingSpans() {
    return spans.size();
  }

  Tracer realTracer() {
    return realTracer;
  }

  Meter realMeter() {
    return realMeter;
  }

  long now() {
    return epochNanos.getAsLong();
  }

  /** Takes a place for one more span, or counts it as dropped. */
  boolean reserveSpan() {
    // read first: once full, a dropped span writes nothing that every host thread shares but the
    // striped drop count
    if (isFull() || spanCount.incrementAndGet() > MAX_SPANS) {
      dropped.increment();
      return false;
    }
    return true;
  }

  /** Whether no more spans fit (before the pipeline is ready they are then not recorded). */
  boolean isFull() {
    return spanCount.get() >= MAX_SPANS;
  }

  void enqueue(PendingSpan span) {
    spans.add(span);
  }

  void register(PendingInstrument instrument) {
    instruments.add(instrument);
    Meter meter = realMeter;
    if (meter != null) {
      instrument.materialize(meter);
    }
  }

  void droppedSpan() {
    dropped.increment();
  }

  void droppedValue() {
    dropped.increment();
  }
}
