package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A counter, up-down counter or histogram registered before the pipeline was ready. Until then
 * additions are summed per attribute set and histogram values kept (up to {@link
 * PreStartBuffer#MAX_HISTOGRAM_VALUES}); {@link #materialize} builds the real instrument from the
 * same registration and hands it all, and later calls go straight to it.
 *
 * <p>Lock-free, because before the pipeline is ready every host thread records here: sums are
 * {@link LongAdder}s per attribute set, histogram values take a slot by one atomic increment (and
 * none once the slots are used up). Each kept measurement goes to the real instrument exactly once:
 * the real instrument is published first, then the kept measurements are handed over by atomic
 * take-and-clear (a sum's {@link LongAdder#sumThenReset}, a slot's {@code getAndSet(null)}), and a
 * thread that kept one while the hand-over ran looks again after keeping it and hands over what is
 * still there itself.
 */
final class PendingInstrument implements LongCounter, LongUpDownCounter, DoubleHistogram {
  private final PreStartBuffer buffer;
  private final Function<Meter, Object> registration;
  private final Map<Attributes, LongAdder> sums = new ConcurrentHashMap<>();
  private final AtomicInteger valuesTaken = new AtomicInteger();
  private final double[] values;
  private final AtomicReferenceArray<Attributes> valueAttributes;
  private volatile Object real;

  /**
   * @param registration builds the real instrument on a meter, as this one was built
   * @param histogram whether this is a histogram (the only kind that keeps values one by one)
   */
  PendingInstrument(
      PreStartBuffer buffer, Function<Meter, Object> registration, boolean histogram) {
    this.buffer = buffer;
    this.registration = registration;
    int slots = histogram ? PreStartBuffer.MAX_HISTOGRAM_VALUES : 0;
    this.values = new double[slots];
    this.valueAttributes = new AtomicReferenceArray<>(slots);
  }

  /** Builds the real instrument (once) and hands it everything kept so far. */
  void materialize(Meter meter) {
    Object instrument;
    synchronized (this) {
      if (real != null) {
        return;
      }
      instrument = registration.apply(meter);
      real = instrument; // first: from here on nothing new is kept
    }
    for (Map.Entry<Attributes, LongAdder> sum : sums.entrySet()) {
      // a zero sum too: an in-flight +1 and its -1 make a series that reads 0, not no series
      add(instrument, sum.getValue().sumThenReset(), sum.getKey());
    }
    int taken = Math.min(valuesTaken.get(), values.length);
    for (int slot = 0; slot < taken; slot++) {
      handOverValue(instrument, slot);
    }
  }

  /** Recording before the pipeline is ready is the point of this class. */
  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public void add(long value) {
    add(value, Attributes.empty());
  }

  @Override
  public void add(long value, Attributes attributes) {
    Object target = realOrNull();
    if (target == null) {
      LongAdder sum = sums.get(attributes);
      if (sum == null) {
        sum = sums.computeIfAbsent(attributes, k -> new LongAdder());
      }
      sum.add(value);
      target = real;
      if (target == null) {
        return;
      }
      // the hand-over may have run before this addition: hand over what is left of it
      handOverSum(target, attributes, sum);
      return;
    }
    if (target instanceof LongCounter) {
      ((LongCounter) target).add(value, attributes);
    } else if (target instanceof LongUpDownCounter) {
      ((LongUpDownCounter) target).add(value, attributes);
    }
  }

  @Override
  public void add(long value, Attributes attributes, Context context) {
    add(value, attributes);
  }

  @Override
  public void record(double value) {
    record(value, Attributes.empty());
  }

  @Override
  public void record(double value, Attributes attributes) {
    Object target = realOrNull();
    if (target == null) {
      keepValue(value, attributes);
    } else if (target instanceof DoubleHistogram) {
      ((DoubleHistogram) target).record(value, attributes);
    }
  }

  @Override
  public void record(double value, Attributes attributes, Context context) {
    // the context carries the span for the exemplar once the real instrument exists
    Object target = realOrNull();
    if (target == null) {
      keepValue(value, attributes);
    } else if (target instanceof DoubleHistogram) {
      ((DoubleHistogram) target).record(value, attributes, context);
    }
  }

  /** The real instrument, built now if the pipeline is ready; null while it is not. */
  private Object realOrNull() {
    Object target = real;
    if (target != null) {
      return target;
    }
    Meter meter = buffer.realMeter();
    if (meter == null) {
      return null;
    }
    materialize(meter);
    return real;
  }

  private void keepValue(double value, Attributes attributes) {
    // read first: once the slots are used up, a value costs no write to the shared counter
    if (valuesTaken.get() >= values.length) {
      buffer.droppedValue();
      return;
    }
    int slot = valuesTaken.getAndIncrement();
    if (slot >= values.length) {
      buffer.droppedValue();
      return;
    }
    values[slot] = value;
    valueAttributes.set(slot, attributes); // publishes the value written before it
    Object target = real;
    if (target != null) {
      handOverValue(target, slot); // the hand-over may have passed this slot before it was set
    }
  }

  /** What is left of a sum after the hand-over passed it (nothing, usually). */
  private static void handOverSum(Object instrument, Attributes attributes, LongAdder sum) {
    long value = sum.sumThenReset();
    if (value != 0) {
      add(instrument, value, attributes);
    }
  }

  private static void add(Object instrument, long value, Attributes attributes) {
    if (instrument instanceof LongCounter) {
      ((LongCounter) instrument).add(value, attributes);
    } else if (instrument instanceof LongUpDownCounter) {
      ((LongUpDownCounter) instrument).add(value, attributes);
    }
  }

  private void handOverValue(Object instrument, int slot) {
    Attributes attributes = valueAttributes.getAndSet(slot, null);
    if (attributes != null && instrument instanceof DoubleHistogram) {
      ((DoubleHistogram) instrument).record(values[slot], attributes);
    }
  }
}
