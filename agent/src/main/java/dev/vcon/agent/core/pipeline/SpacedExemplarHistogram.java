package dev.vcon.agent.core.pipeline;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A duration histogram whose values are offered as exemplars at most once per {@link
 * #SPACING_NANOS} for each series and bucket; every value is still recorded.
 *
 * <p>Why: the SDK keeps one exemplar per bucket (the last one offered) in a reservoir cell that
 * each offer enters under a monitor. Every sampled run offered its span, so on many threads the
 * runs of one chain queued on the same cell (on 64 threads that monitor was where the host's
 * threads waited most). Spacing the offers keeps what an exemplar is for, a recent sampled value of
 * that bucket leading to its trace, while the cell is entered a thousand times a second at most.
 */
public final class SpacedExemplarHistogram implements DoubleHistogram {
  /** At most one exemplar offer per series and bucket in this time. */
  static final long SPACING_NANOS = 1_000_000L;

  /** Series tracked; beyond (the tracker's caches already bound them) offers are not spaced. */
  static final int MAX_SERIES = 1024;

  private final DoubleHistogram histogram;
  private final double[] boundaries;
  private final ConcurrentHashMap<Attributes, AtomicLongArray> lastOffer =
      new ConcurrentHashMap<>();

  private final LongSupplier nanoClock;

  /** With the clock of {@link System#nanoTime}, or a test's. */
  SpacedExemplarHistogram(
      DoubleHistogram histogram, List<Double> boundaries, LongSupplier nanoClock) {
    this.histogram = histogram;
    this.nanoClock = nanoClock;
    this.boundaries = new double[boundaries.size()];
    for (int i = 0; i < this.boundaries.length; i++) {
      this.boundaries[i] = boundaries.get(i);
    }
  }

  /**
   * @param boundaries the histogram's bucket boundaries, so each bucket gets its own exemplars
   */
  static SpacedExemplarHistogram wrap(DoubleHistogram histogram, List<Double> boundaries) {
    return new SpacedExemplarHistogram(histogram, boundaries, System::nanoTime);
  }

  @Override
  public boolean isEnabled() {
    return histogram.isEnabled();
  }

  @Override
  public void record(double value) {
    histogram.record(value);
  }

  @Override
  public void record(double value, Attributes attributes) {
    histogram.record(value, attributes);
  }

  @Override
  public void record(double value, Attributes attributes, Context context) {
    // The root context carries no span: the SDK's exemplar filter then offers nothing.
    histogram.record(value, attributes, offers(attributes, value) ? context : Context.root());
  }

  /**
   * Records the value measured by {@code span}: the context that carries the span for the exemplar
   * is built only when this value is offered (most are not, on a busy service).
   */
  public void record(double value, Attributes attributes, Span span) {
    histogram.record(
        value, attributes, offers(attributes, value) ? Context.root().with(span) : Context.root());
  }

  /** Whether this value is to be offered as its bucket's exemplar. */
  boolean offers(Attributes attributes, double value) {
    AtomicLongArray last = lastOffer.get(attributes);
    long now = nanoClock.getAsLong();
    if (last == null) {
      if (lastOffer.size() >= MAX_SERIES) {
        return true;
      }
      last = lastOffer.computeIfAbsent(attributes, a -> neverOffered(now));
    }
    int bucket = bucketOf(value);
    long previous = last.get(bucket);
    return now - previous >= SPACING_NANOS && last.compareAndSet(bucket, previous, now);
  }

  private AtomicLongArray neverOffered(long now) {
    AtomicLongArray last = new AtomicLongArray(boundaries.length + 1);
    for (int i = 0; i < last.length(); i++) {
      last.set(i, now - SPACING_NANOS);
    }
    return last;
  }

  /** The bucket as the SDK counts them: the first boundary at or above the value, else the last. */
  private int bucketOf(double value) {
    int low = 0;
    int high = boundaries.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (value <= boundaries[mid]) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
