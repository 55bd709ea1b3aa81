package dev.vcon.agent.core.prestart;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PreStartBufferTest {
  private static final AttributeKey<String> CHAIN = AttributeKey.stringKey("chain.name");

  private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
  private final PreStartBuffer buffer = new PreStartBuffer(clock::get);
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(metrics).build();

  private void open() {
    buffer.open(tracerProvider.get("test"), meterProvider.get("test"));
  }

  @Test
  void aSpanEndedBeforeThePipelineIsReadyArrivesLaterWithItsOwnStartAndEndTimes() {
    Span root = buffer.tracer().spanBuilder("vcon_processing.alpha").setNoParent().startSpan();
    clock.addAndGet(5_000_000);
    root.setAttribute(CHAIN, "alpha");
    root.setStatus(StatusCode.ERROR, "boom");
    root.end();
    assertThat(spans.getFinishedSpanItems()).isEmpty();

    clock.addAndGet(3_000_000_000L); // the pipeline comes up three seconds later
    open();

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(1);
    SpanData span = finished.get(0);
    assertThat(span.getName()).isEqualTo("vcon_processing.alpha");
    assertThat(span.getStartEpochNanos()).isEqualTo(1_000_000_000_000L);
    assertThat(span.getEndEpochNanos()).isEqualTo(1_000_005_000_000L);
    assertThat(span.getAttributes().get(CHAIN)).isEqualTo("alpha");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void childrenBeforeAndAfterTheStartKeepTheirPendingParent() {
    Span root = buffer.tracer().spanBuilder("root").setNoParent().startSpan();
    Context inRoot = Context.root().with(root);
    buffer.tracer().spanBuilder("before").setParent(inRoot).startSpan().end();
    open();
    buffer.tracer().spanBuilder("after").setParent(inRoot).startSpan().end();
    root.end();

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).extracting(SpanData::getName).containsExactly("before", "after", "root");
    String traceId = finished.get(2).getTraceId();
    String rootId = finished.get(2).getSpanId();
    assertThat(finished.subList(0, 2))
        .allSatisfy(
            child -> {
              assertThat(child.getTraceId()).isEqualTo(traceId);
              assertThat(child.getParentSpanId()).isEqualTo(rootId);
            });
  }

  @Test
  void aRunThatStartsBeforeAndEndsAfterTheStartIsOneSpanAndItsInflightSumsToZero() {
    Attributes alpha = Attributes.of(CHAIN, "alpha");
    LongUpDownCounter inflight = buffer.meter().upDownCounterBuilder("inflight").build();
    DoubleHistogram durations = buffer.meter().histogramBuilder("duration").setUnit("s").build();
    inflight.add(1, alpha);
    inflight.add(1, alpha);
    inflight.add(-1, alpha);
    durations.record(0.5, alpha);
    Span run = buffer.tracer().spanBuilder("run").setNoParent().startSpan();
    open();
    inflight.add(-1, alpha);
    durations.record(1.5, alpha);
    run.end();

    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(spans.getFinishedSpanItems().get(0).getStartEpochNanos())
        .isEqualTo(1_000_000_000_000L);
    List<MetricData> collected = List.copyOf(metrics.collectAllMetrics());
    MetricData sum = find(collected, "inflight");
    assertThat(sum.getLongSumData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getValue()).isZero();
              assertThat(p.getAttributes()).isEqualTo(alpha);
            });
    MetricData histogram = find(collected, "duration");
    assertThat(histogram.getUnit()).isEqualTo("s");
    assertThat(histogram.getHistogramData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getCount()).isEqualTo(2);
              assertThat(p.getSum()).isEqualTo(2.0);
            });
  }

  @Test
  void spansPastTheBoundAreNotRecordedAndCounted() {
    for (int i = 0; i < PreStartBuffer.MAX_SPANS + 3; i++) {
      buffer.tracer().spanBuilder("s" + i).setNoParent().startSpan().end();
    }
    assertThat(buffer.dropped()).isEqualTo(3);
    open();
    assertThat(spans.getFinishedSpanItems()).hasSize(PreStartBuffer.MAX_SPANS);
    assertThat(buffer.pendingSpans()).isZero();
  }

  @Test
  void afterTheStartSpansAreRealFromTheBeginning() {
    open();
    Span span = buffer.tracer().spanBuilder("late").setNoParent().startSpan();
    assertThat(span).isNotInstanceOf(PendingSpan.class);
    assertThat(span.getSpanContext().isValid()).isTrue();
  }

  private static MetricData find(List<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
  }
}
