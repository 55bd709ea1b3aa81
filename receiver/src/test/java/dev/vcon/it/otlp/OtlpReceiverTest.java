package dev.vcon.it.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.otlp.SdkPipeline.Transport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The receiver decodes what the real OTel Java SDK exporters send, over every transport. */
class OtlpReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AttributeKey<String> VCON_ID = AttributeKey.stringKey("vcon.id");

  private OtlpReceiver receiver;
  private OtlpStore store;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
    store = receiver.store();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void endpointsAreLoopbackUrlsOnDistinctOsChosenPorts() {
    assertThat(receiver.endpointGrpc()).isEqualTo("http://127.0.0.1:" + receiver.grpcPort());
    assertThat(receiver.endpointHttp()).isEqualTo("http://127.0.0.1:" + receiver.httpPort());
    assertThat(receiver.grpcPort()).isPositive().isNotEqualTo(receiver.httpPort());
    assertThat(receiver.endpoint(Protocol.GRPC)).isEqualTo(receiver.endpointGrpc());
    assertThat(receiver.endpoint(Protocol.HTTP_PROTOBUF)).isEqualTo(receiver.endpointHttp());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void decodesSpansWithParentLinkEventStatusAndResource(Transport transport) {
    SpanContext linked;
    SpanContext parentCtx;
    SpanContext childCtx;
    try (SdkPipeline sdk = new SdkPipeline(receiver, transport, "host-a-pid-1")) {
      Tracer tracer = sdk.tracerProvider.get("it.scope");
      Span other = tracer.spanBuilder("vcon.other").startSpan();
      linked = other.getSpanContext();
      other.end();

      Span parent = tracer.spanBuilder("vcon.process").setSpanKind(SpanKind.SERVER).startSpan();
      parentCtx = parent.getSpanContext();
      Span child =
          tracer
              .spanBuilder("vcon.process.step")
              .setParent(Context.current().with(parent))
              .setSpanKind(SpanKind.CLIENT)
              .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "batch"))
              .setAttribute(VCON_ID, "v-1")
              .setAttribute("attempt", 2L)
              .startSpan();
      childCtx = child.getSpanContext();
      child.addEvent("retry", Attributes.of(AttributeKey.longKey("retry.count"), 3L));
      child.setStatus(StatusCode.ERROR, "boom");
      child.end();
      parent.end();
      sdk.flush();
    }

    store.await(WAIT, "3 spans", () -> store.spans().size() == 3);
    assertThat(store.spansByNamePrefix("vcon.process")).hasSize(2);

    SpanRecord child = store.spansByNamePrefix("vcon.process.step").get(0);
    assertThat(child.traceId()).isEqualTo(childCtx.getTraceId()).hasSize(32);
    assertThat(child.spanId()).isEqualTo(childCtx.getSpanId()).hasSize(16);
    assertThat(child.parentSpanId()).isEqualTo(parentCtx.getSpanId());
    assertThat(child.isRoot()).isFalse();
    assertThat(child.kind()).isEqualTo("CLIENT");
    assertThat(child.attributes()).containsEntry("vcon.id", "v-1").containsEntry("attempt", 2L);
    assertThat(child.statusCode()).isEqualTo("ERROR");
    assertThat(child.statusMessage()).isEqualTo("boom");
    assertThat(child.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("retry");
              assertThat(e.attributes()).containsEntry("retry.count", 3L);
              assertThat(e.epochNanos()).isPositive();
            });
    assertThat(child.links())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.traceId()).isEqualTo(linked.getTraceId());
              assertThat(l.spanId()).isEqualTo(linked.getSpanId());
              assertThat(l.attributes()).containsEntry("link.reason", "batch");
              // The SDK sets the W3C "has is-remote" bit (0x100) plus the sampled bit.
              assertThat(l.flags() & 0x01).isEqualTo(1);
            });
    assertThat(child.endEpochNanos()).isGreaterThanOrEqualTo(child.startEpochNanos());
    assertThat(child.scopeName()).isEqualTo("it.scope");
    assertThat(child.resource())
        .containsEntry("service.name", "receiver-test")
        .containsEntry("service.instance.id", "host-a-pid-1");
    assertThat(child.serviceInstanceId()).isEqualTo("host-a-pid-1");

    SpanRecord parent =
        store.spansByNamePrefix("vcon.process").stream()
            .filter(SpanRecord::isRoot)
            .findFirst()
            .orElseThrow();
    assertThat(parent.spanId()).isEqualTo(parentCtx.getSpanId());
    assertThat(parent.kind()).isEqualTo("SERVER");
    assertThat(parent.statusCode()).isEqualTo("UNSET");

    assertArrivals(transport, Signal.TRACES);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void decodesCounterAndHistogramPointsWithResourceAndScope(Transport transport) {
    try (SdkPipeline sdk = new SdkPipeline(receiver, transport, "host-a-pid-2")) {
      Meter meter = sdk.meterProvider.get("it.meter");
      LongCounter counter = meter.counterBuilder("vcon.processed").setUnit("{vcon}").build();
      DoubleHistogram histogram =
          meter
              .histogramBuilder("vcon.duration")
              .setUnit("ms")
              .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0))
              .build();
      counter.add(2, Attributes.of(AttributeKey.stringKey("outcome"), "ok"));
      counter.add(1, Attributes.of(AttributeKey.stringKey("outcome"), "failed"));
      histogram.record(5);
      histogram.record(50);
      histogram.record(500);
      sdk.flush();
    }

    store.await(
        WAIT,
        "counter and histogram",
        () -> store.metricNames().containsAll(List.of("vcon.processed", "vcon.duration")));

    List<MetricPoint> counts = store.metricPoints("vcon.processed");
    assertThat(counts).hasSizeGreaterThanOrEqualTo(2);
    MetricPoint ok =
        counts.stream()
            .filter(p -> "ok".equals(p.attributes().get("outcome")))
            .findFirst()
            .orElseThrow();
    assertThat(ok.type()).isEqualTo(MetricPoint.Type.SUM);
    assertThat(ok.temporality()).isEqualTo(MetricPoint.Temporality.CUMULATIVE);
    assertThat(ok.monotonic()).isTrue();
    assertThat(ok.value()).isEqualTo(2L);
    assertThat(ok.unit()).isEqualTo("{vcon}");
    assertThat(ok.scopeName()).isEqualTo("it.meter");
    assertThat(ok.serviceInstanceId()).isEqualTo("host-a-pid-2");
    assertThat(ok.resource()).containsEntry("service.name", "receiver-test");
    assertThat(ok.startEpochNanos()).isPositive().isLessThanOrEqualTo(ok.epochNanos());

    MetricPoint h = store.metricPoints("vcon.duration").get(0);
    assertThat(h.type()).isEqualTo(MetricPoint.Type.HISTOGRAM);
    assertThat(h.value()).isNull();
    assertThat(h.histogram().count()).isEqualTo(3);
    assertThat(h.histogram().sum()).isEqualTo(555.0);
    assertThat(h.histogram().min()).isEqualTo(5.0);
    assertThat(h.histogram().max()).isEqualTo(500.0);
    assertThat(h.histogram().explicitBounds()).containsExactly(10.0, 100.0);
    assertThat(h.histogram().bucketCounts()).containsExactly(1L, 1L, 1L);

    assertThat(store.serviceInstanceIds()).containsExactly("host-a-pid-2");
    assertArrivals(transport, Signal.METRICS);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void decodesHistogramExemplarsWithTheirTraceAndSpanIds(Transport transport) {
    SpanContext recordedUnder;
    try (SdkPipeline sdk = new SdkPipeline(receiver, transport, "host-a-pid-4")) {
      DoubleHistogram histogram =
          sdk.meterProvider
              .get("it.meter")
              .histogramBuilder("vcon.exemplified")
              .setUnit("s")
              .setExplicitBucketBoundariesAdvice(List.of(1.0))
              .build();
      Span span = sdk.tracerProvider.get("it.tracer").spanBuilder("run").startSpan();
      recordedUnder = span.getSpanContext();
      histogram.record(
          0.5,
          Attributes.of(AttributeKey.stringKey("chain.name"), "main"),
          Context.root().with(span));
      span.end();
      sdk.flush();
    }

    store.await(WAIT, "histogram", () -> store.metricNames().contains("vcon.exemplified"));

    MetricPoint h = store.metricPoints("vcon.exemplified").get(0);
    assertThat(h.histogram().exemplars())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.traceId()).isEqualTo(recordedUnder.getTraceId());
              assertThat(e.spanId()).isEqualTo(recordedUnder.getSpanId());
              assertThat(e.value()).isEqualTo(0.5);
              assertThat(e.epochNanos()).isPositive();
              assertThat(e.filteredAttributes()).isEmpty();
            });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void decodesLogRecords(Transport transport) {
    try (SdkPipeline sdk = new SdkPipeline(receiver, transport, "host-a-pid-3")) {
      sdk.loggerProvider
          .get("it.logger")
          .logRecordBuilder()
          .setSeverity(Severity.WARN)
          .setSeverityText("WARN")
          .setBody("vcon rejected")
          .setAttribute(VCON_ID, "v-9")
          .emit();
      sdk.flush();
    }

    store.await(WAIT, "one log record", () -> store.logs().size() == 1);
    LogEntry log = store.logs().get(0);
    assertThat(log.body()).isEqualTo("vcon rejected");
    assertThat(log.severityText()).isEqualTo("WARN");
    assertThat(log.severityNumber()).isEqualTo(Severity.WARN.getSeverityNumber());
    assertThat(log.attributes()).containsEntry("vcon.id", "v-9");
    assertThat(log.scopeName()).isEqualTo("it.logger");
    assertThat(log.resource()).containsEntry("service.instance.id", "host-a-pid-3");
    assertArrivals(transport, Signal.LOGS);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"GRPC", "HTTP_PROTOBUF"})
  void latestCumulativePointCarriesTheRunningTotalPerInstanceAndAttributes(Transport transport) {
    try (SdkPipeline a = new SdkPipeline(receiver, transport, "host-pid-10");
        SdkPipeline b = new SdkPipeline(receiver, transport, "host-pid-11")) {
      LongCounter ca = a.meterProvider.get("m").counterBuilder("vcon.processed").build();
      LongCounter cb = b.meterProvider.get("m").counterBuilder("vcon.processed").build();
      ca.add(2);
      a.flush();
      ca.add(3);
      a.flush();
      cb.add(7);
      b.flush();
    }

    store.await(
        WAIT,
        "3 exports of vcon.processed",
        () -> store.metricPoints("vcon.processed").size() >= 3);
    Map<String, Number> totals = new java.util.TreeMap<>();
    store
        .latestCumulativePoints("vcon.processed")
        .forEach(p -> totals.put(p.serviceInstanceId(), p.value()));
    assertThat(totals)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(Map.of("host-pid-10", 5L, "host-pid-11", 7L)));
    assertThat(store.serviceInstanceIds()).containsExactly("host-pid-10", "host-pid-11");
  }

  /** Every request of the signal came in over the transport's protocol and encoding, in order. */
  private void assertArrivals(Transport transport, Signal signal) {
    List<Arrival> arrivals = store.arrivals(signal);
    assertThat(arrivals)
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.protocol()).isEqualTo(transport.protocol);
              assertThat(a.contentEncoding()).isEqualTo(transport.gzip ? "gzip" : "identity");
              assertThat(a.userAgent()).contains("OTel-OTLP-Exporter-Java");
              assertThat(a.time()).isNotNull();
            });
    assertThat(store.arrivals()).extracting(Arrival::sequence).isSorted().doesNotHaveDuplicates();
  }
}
