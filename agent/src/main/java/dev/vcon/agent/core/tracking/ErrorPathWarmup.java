package dev.vcon.agent.core.tracking;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Loads, off the host's threads and before any run records, the classes that a run's first end and
 * a failing run need: the span's exception event and its stack-trace rendering, the batch span
 * processor's first-span work (it builds its queue gauges lazily, on the thread ending the first
 * span), the first point of each instrument kind. Otherwise they are first loaded where a host ends
 * or fails a run, and a host failing with a {@code StackOverflowError} does so with almost no stack
 * left: loading a class there runs the JVM's class-file transformer machinery on that exhausted
 * stack, which prints {@code *** java.lang.instrument ASSERTION FAILED ***} lines. A throwaway
 * tracer and meter provider that export nowhere are used, so nothing is recorded or sent.
 */
public final class ErrorPathWarmup {

  private static final AttributeKey<String> KEY = AttributeKey.stringKey("warmup");

  private static boolean done;

  private ErrorPathWarmup() {}

  /**
   * Runs the warm-up unless it has run: the agent starts it on its warm-up thread at premain, in
   * parallel with the pipeline build, and the start-up thread calls this again before the pipeline
   * is ready, waiting only for a warm-up still under way.
   */
  public static synchronized void runOnce() {
    if (!done) {
      try {
        run();
      } finally {
        done = true;
      }
    }
  }

  public static void run() {
    SdkMeterProvider meters =
        SdkMeterProvider.builder().registerMetricReader(new Discard()).build();
    SdkTracerProvider tracers =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(new Discard.Spans()).setMeterProvider(meters).build())
            .build();
    try {
      Span span = tracers.get("vcon-otel-agent-warmup").spanBuilder("warmup").startSpan();
      Errors.recordFailure(span, new StackOverflowError());
      Errors.recordFailure(span, new IllegalStateException("warm-up"));
      span.end();
      Meter meter = meters.get("vcon-otel-agent-warmup");
      Attributes attributes = Attributes.of(KEY, "x");
      meter.counterBuilder("c").build().add(1, attributes);
      meter.upDownCounterBuilder("u").build().add(1, attributes);
      meter
          .histogramBuilder("h")
          .setExplicitBucketBoundariesAdvice(Arrays.asList(0.1, 1.0))
          .build()
          .record(0.5, attributes);
    } finally {
      tracers.shutdown().join(1, TimeUnit.SECONDS);
      meters.shutdown().join(1, TimeUnit.SECONDS);
    }
  }

  /** A metric reader that never reads (an SDK meter provider with no reader hands out no-ops). */
  private static final class Discard implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {}

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    static final class Spans implements SpanExporter {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    }
  }
}
