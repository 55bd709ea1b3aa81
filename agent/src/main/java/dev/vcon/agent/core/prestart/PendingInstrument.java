package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A counter, up-down counter or histogram registered before the pipeline was ready. Until then
 * additions are summed per attribute set and histogram values kept (up to {@link
 * PreStartBuffer#MAX_HISTOGRAM_VALUES}); {@link #materialize} builds the real instrument from the
 * same registration and hands it all, and later calls go straight to it.
 */
final class PendingInstrument implements LongCounter, LongUpDownCounter, DoubleHistogram {
  private final PreStartBuffer buffer;
  private final Function<Meter, Object> registration;
  private final Map<Attributes, long[]> sums = new HashMap<>();
  private final List<Object[]> values = new ArrayList<>();
  private volatile Object real;

  /**
   * @param registration builds the real instrument on a meter, as this one was built
   */
  PendingInstrument(PreStartBuffer buffer, Function<Meter, Object> registration) {
    this.buffer = buffer;
    this.registration = registration;
  }

  synchronized void materialize(Meter meter) {
    if (real != null) {
      return;
    }
    Object instrument = registration.apply(meter);
    for (Map.Entry<Attributes, long[]> sum : sums.entrySet()) {
      if (instrument instanceof LongCounter) {
        ((LongCounter) instrument).add(sum.getValue()[0], sum.getKey());
      } else {
        ((LongUpDownCounter) instrument).add(sum.getValue()[0], sum.getKey());
      }
    }
    for (Object[] value : values) {
      ((DoubleHistogram) instrument).record((Double) value[0], (Attributes) value[1]);
    }
    sums.clear();
    values.clear();
    real = instrument;
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
    Object target = realOrKeep(value, attributes, true);
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
    Object target = realOrKeep(value, attributes, false);
    if (target instanceof DoubleHistogram) {
      ((DoubleHistogram) target).record(value, attributes);
    }
  }

  @Override
  public void record(double value, Attributes attributes, Context context) {
    // the context carries the span for the exemplar once the real instrument exists
    Object target = realOrKeep(value, attributes, false);
    if (target instanceof DoubleHistogram) {
      ((DoubleHistogram) target).record(value, attributes, context);
    }
  }

  /** The real instrument, or {@code null} after keeping the measurement for it. */
  private Object realOrKeep(double value, Attributes attributes, boolean sum) {
    Object target = real;
    if (target != null) {
      return target;
    }
    synchronized (this) {
      if (real == null) {
        Meter meter = buffer.realMeter();
        if (meter == null) {
          keep(value, attributes, sum);
          return null;
        }
        materialize(meter);
      }
      return real;
    }
  }

  private void keep(double value, Attributes attributes, boolean sum) {
    if (sum) {
      sums.computeIfAbsent(attributes, k -> new long[1])[0] += (long) value;
    } else if (values.size() < PreStartBuffer.MAX_HISTOGRAM_VALUES) {
      values.add(new Object[] {value, attributes});
    } else {
      buffer.droppedValue();
    }
  }
}
