package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The meter the conserver instruments are registered on before the pipeline is ready: long
 * counters, long up-down counters and double histograms, each a {@link PendingInstrument} that
 * replays its registration on the real meter. Other kinds are not used by the agent.
 */
final class PendingMeter implements Meter {
  private final PreStartBuffer buffer;

  PendingMeter(PreStartBuffer buffer) {
    this.buffer = buffer;
  }

  private PendingInstrument register(Function<Meter, Object> registration, boolean histogram) {
    PendingInstrument instrument = new PendingInstrument(buffer, registration, histogram);
    buffer.register(instrument);
    return instrument;
  }

  @Override
  public LongCounterBuilder counterBuilder(String name) {
    return new Counter(name);
  }

  @Override
  public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
    return new UpDownCounter(name);
  }

  @Override
  public DoubleHistogramBuilder histogramBuilder(String name) {
    return new Histogram(name);
  }

  @Override
  public DoubleGaugeBuilder gaugeBuilder(String name) {
    // A gauge reports the host's latest reading at each export; one taken before the pipeline
    // exists is stale by the first export, and the host reads again (its health check repeats).
    return io.opentelemetry.api.metrics.MeterProvider.noop()
        .get("vcon-otel-agent-prestart")
        .gaugeBuilder(name);
  }

  private final class Counter implements LongCounterBuilder {
    private final String name;
    private String unit;
    private String description;

    Counter(String name) {
      this.name = name;
    }

    @Override
    public LongCounterBuilder setDescription(String value) {
      description = value;
      return this;
    }

    @Override
    public LongCounterBuilder setUnit(String value) {
      unit = value;
      return this;
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      throw new UnsupportedOperationException();
    }

    @Override
    public LongCounter build() {
      return register(
          meter -> {
            LongCounterBuilder real = meter.counterBuilder(name);
            if (unit != null) {
              real.setUnit(unit);
            }
            if (description != null) {
              real.setDescription(description);
            }
            return real.build();
          },
          false);
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      throw new UnsupportedOperationException();
    }
  }

  private final class UpDownCounter implements LongUpDownCounterBuilder {
    private final String name;
    private String unit;
    private String description;

    UpDownCounter(String name) {
      this.name = name;
    }

    @Override
    public LongUpDownCounterBuilder setDescription(String value) {
      description = value;
      return this;
    }

    @Override
    public LongUpDownCounterBuilder setUnit(String value) {
      unit = value;
      return this;
    }

    @Override
    public DoubleUpDownCounterBuilder ofDoubles() {
      throw new UnsupportedOperationException();
    }

    @Override
    public LongUpDownCounter build() {
      return register(
          meter -> {
            LongUpDownCounterBuilder real = meter.upDownCounterBuilder(name);
            if (unit != null) {
              real.setUnit(unit);
            }
            if (description != null) {
              real.setDescription(description);
            }
            return real.build();
          },
          false);
    }

    @Override
    public ObservableLongUpDownCounter buildWithCallback(
        Consumer<ObservableLongMeasurement> callback) {
      throw new UnsupportedOperationException();
    }
  }

  private final class Histogram implements DoubleHistogramBuilder {
    private final String name;
    private String unit;
    private String description;
    private List<Double> boundaries;

    Histogram(String name) {
      this.name = name;
    }

    @Override
    public DoubleHistogramBuilder setDescription(String value) {
      description = value;
      return this;
    }

    @Override
    public DoubleHistogramBuilder setUnit(String value) {
      unit = value;
      return this;
    }

    @Override
    public DoubleHistogramBuilder setExplicitBucketBoundariesAdvice(List<Double> value) {
      boundaries = value;
      return this;
    }

    @Override
    public LongHistogramBuilder ofLongs() {
      throw new UnsupportedOperationException();
    }

    @Override
    public DoubleHistogram build() {
      return register(
          meter -> {
            DoubleHistogramBuilder real = meter.histogramBuilder(name);
            if (unit != null) {
              real.setUnit(unit);
            }
            if (description != null) {
              real.setDescription(description);
            }
            if (boundaries != null) {
              real.setExplicitBucketBoundariesAdvice(boundaries);
            }
            return real.build();
          },
          true);
    }
  }
}
