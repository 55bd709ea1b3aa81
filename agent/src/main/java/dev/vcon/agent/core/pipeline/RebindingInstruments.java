package dev.vcon.agent.core.pipeline;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.function.Supplier;

/**
 * Instruments and a tracer that resolve their target on every call (one volatile read), so
 * handles taken before a pid change keep working and report under the new identity.
 */
final class RebindingInstruments {
  private RebindingInstruments() {}

  static final class Counter implements LongCounter {
    private final Supplier<LongCounter> target;

    Counter(Supplier<LongCounter> target) {
      this.target = target;
    }

    @Override
    public boolean isEnabled() {
      return target.get().isEnabled();
    }

    @Override
    public void add(long value) {
      target.get().add(value);
    }

    @Override
    public void add(long value, Attributes attributes) {
      target.get().add(value, attributes);
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      target.get().add(value, attributes, context);
    }
  }

  static final class UpDownCounter implements LongUpDownCounter {
    private final Supplier<LongUpDownCounter> target;

    UpDownCounter(Supplier<LongUpDownCounter> target) {
      this.target = target;
    }

    @Override
    public boolean isEnabled() {
      return target.get().isEnabled();
    }

    @Override
    public void add(long value) {
      target.get().add(value);
    }

    @Override
    public void add(long value, Attributes attributes) {
      target.get().add(value, attributes);
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      target.get().add(value, attributes, context);
    }
  }

  static final class Histogram implements DoubleHistogram {
    private final Supplier<DoubleHistogram> target;

    Histogram(Supplier<DoubleHistogram> target) {
      this.target = target;
    }

    @Override
    public boolean isEnabled() {
      return target.get().isEnabled();
    }

    @Override
    public void record(double value) {
      target.get().record(value);
    }

    @Override
    public void record(double value, Attributes attributes) {
      target.get().record(value, attributes);
    }

    @Override
    public void record(double value, Attributes attributes, Context context) {
      target.get().record(value, attributes, context);
    }
  }

  /**
   * A span builder is taken from the current generation when the span starts; a span already
   * started on a retired generation ends there (its processor was flushed at the swap).
   */
  static final class RebindingTracer implements Tracer {
    private final Supplier<Tracer> target;

    RebindingTracer(Supplier<Tracer> target) {
      this.target = target;
    }

    @Override
    public boolean isEnabled() {
      return target.get().isEnabled();
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      return target.get().spanBuilder(spanName);
    }
  }
}
