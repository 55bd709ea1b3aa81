package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Exemplar offers are spaced per series and bucket (so many threads do not queue on the SDK's
 * reservoir cell), without losing a bucket's or a series' exemplar and without losing any value.
 */
class SpacedExemplarHistogramTest {
  private static final Attributes MAIN = Attributes.of(ConserverMetrics.CHAIN_NAME, "main");
  private static final Attributes OTHER = Attributes.of(ConserverMetrics.CHAIN_NAME, "other");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final DoubleHistogram histogram =
      new SpacedExemplarHistogram(
          SdkMeterProvider.builder()
              .registerMetricReader(reader)
              .build()
              .get("test")
              .histogramBuilder("conserver.main_loop.vcon_processing_time")
              .setExplicitBucketBoundariesAdvice(ConserverMetrics.SECONDS_BUCKETS)
              .build(),
          ConserverMetrics.SECONDS_BUCKETS,
          clock::get);
  // with a processor: a tracer provider without any starts no recording spans
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
          .build();

  private Context spanContext(List<SpanContext> started) {
    Span span = tracing.get("test").spanBuilder("run").setNoParent().startSpan();
    started.add(span.getSpanContext());
    return Context.root().with(span);
  }

  @Test
  void aBurstInOneBucketOffersItsFirstValueOnlyAndCountsThemAll() {
    List<SpanContext> spans = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      histogram.record(0.02, MAIN, spanContext(spans));
      clock.addAndGet(SpacedExemplarHistogram.SPACING_NANOS / 100);
    }

    HistogramPointData point = point(reader.collectAllMetrics(), MAIN);
    assertThat(point.getCount()).isEqualTo(50);
    assertThat(point.getExemplars()).hasSize(1);
    assertThat(point.getExemplars().get(0).getSpanContext()).isEqualTo(spans.get(0));
  }

  @Test
  void eachBucketAndEachSeriesKeepsAnExemplarOfItsOwn() {
    List<SpanContext> spans = new ArrayList<>();
    histogram.record(0.02, MAIN, spanContext(spans)); // bucket (0.01, 0.025]
    histogram.record(0.02, MAIN, spanContext(spans)); // same bucket: spaced out
    histogram.record(3.0, MAIN, spanContext(spans)); // bucket (2.5, 5]
    histogram.record(0.02, OTHER, spanContext(spans)); // another series

    Collection<MetricData> collected = reader.collectAllMetrics();
    List<SpanContext> mainExemplars = new ArrayList<>();
    for (DoubleExemplarData exemplar : point(collected, MAIN).getExemplars()) {
      mainExemplars.add(exemplar.getSpanContext());
    }
    assertThat(mainExemplars).containsExactlyInAnyOrder(spans.get(0), spans.get(2));
    assertThat(point(collected, OTHER).getExemplars())
        .extracting(DoubleExemplarData::getSpanContext)
        .containsExactly(spans.get(3));
  }

  @Test
  void aValueAfterTheSpacingIsOfferedAgain() {
    List<SpanContext> spans = new ArrayList<>();
    histogram.record(0.02, MAIN, spanContext(spans));
    clock.addAndGet(SpacedExemplarHistogram.SPACING_NANOS);
    histogram.record(0.02, MAIN, spanContext(spans));

    // the reservoir keeps the last value offered to the bucket
    assertThat(point(reader.collectAllMetrics(), MAIN).getExemplars())
        .extracting(DoubleExemplarData::getSpanContext)
        .containsExactly(spans.get(1));
  }

  private static HistogramPointData point(Collection<MetricData> all, Attributes attributes) {
    return all.stream()
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow();
  }
}
