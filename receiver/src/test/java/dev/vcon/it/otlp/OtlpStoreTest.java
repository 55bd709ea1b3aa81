package dev.vcon.it.otlp;

import static dev.vcon.it.otlp.Protos.kv;
import static io.opentelemetry.proto.metrics.v1.AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
import static io.opentelemetry.proto.metrics.v1.AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpStoreTest {
  private final OtlpStore store = new OtlpStore();

  private void metrics(com.google.protobuf.Message request) {
    store.accept(Protocol.HTTP_PROTOBUF, Signal.METRICS, null, null, request);
  }

  @Test
  void latestCumulativePointIsTheNewestPerMetricInstanceAndAttributes() {
    // Out-of-order arrival: the point with the later timestamp wins, not the later request.
    metrics(Protos.sum("i-1", "c", AGGREGATION_TEMPORALITY_CUMULATIVE, 200, 5, kv("k", "a")));
    metrics(Protos.sum("i-1", "c", AGGREGATION_TEMPORALITY_CUMULATIVE, 100, 2, kv("k", "a")));
    metrics(Protos.sum("i-1", "c", AGGREGATION_TEMPORALITY_CUMULATIVE, 150, 9, kv("k", "b")));
    metrics(Protos.sum("i-2", "c", AGGREGATION_TEMPORALITY_CUMULATIVE, 100, 4, kv("k", "a")));

    List<MetricPoint> latest = store.latestCumulativePoints("c");

    assertThat(latest).hasSize(3);
    assertThat(latest)
        .extracting(p -> p.serviceInstanceId() + "/" + p.attributes().get("k") + "=" + p.value())
        .containsExactlyInAnyOrder("i-1/a=5", "i-1/b=9", "i-2/a=4");
  }

  @Test
  void deltaSumsAndGaugesAreNotCumulativePoints() {
    metrics(Protos.sum("i-1", "d", AGGREGATION_TEMPORALITY_DELTA, 100, 1));
    metrics(Protos.gauge("i-1", "g", 100, 0.5));

    assertThat(store.latestCumulativePoints()).isEmpty();
    assertThat(store.metricPoints("g"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type()).isEqualTo(MetricPoint.Type.GAUGE);
              assertThat(p.temporality()).isEqualTo(MetricPoint.Temporality.NONE);
              assertThat(p.doubleValue()).isEqualTo(0.5);
            });
    assertThat(store.metricPoints("d").get(0).temporality())
        .isEqualTo(MetricPoint.Temporality.DELTA);
  }

  @Test
  void serviceInstanceIdsAreDistinctAcrossSignalsAndSorted() {
    metrics(Protos.gauge("b-pid-2", "g", 1, 1));
    store.accept(
        Protocol.GRPC,
        Signal.TRACES,
        "gzip",
        "ua",
        Protos.span("a-pid-1", "s", (byte) 1, (byte) 2));
    store.accept(
        Protocol.GRPC,
        Signal.TRACES,
        "gzip",
        "ua",
        Protos.span("b-pid-2", "s", (byte) 1, (byte) 3));

    assertThat(store.serviceInstanceIds()).containsExactly("a-pid-1", "b-pid-2");
    assertThat(store.resources()).hasSize(2);
    assertThat(store.spans())
        .extracting(SpanRecord::spanId)
        .containsExactly("0202020202020202", "0303030303030303");
    assertThat(store.spans().get(0).traceId()).isEqualTo("01".repeat(16));
    assertThat(store.spans().get(0).parentSpanId()).isEmpty();
  }

  @Test
  void arrivalsAreNumberedInOrderAndDefaultToIdentityEncoding() {
    Arrival first =
        store.accept(Protocol.GRPC, Signal.METRICS, null, null, Protos.gauge("i", "g", 1, 1));
    Arrival second =
        store.accept(
            Protocol.HTTP_PROTOBUF, Signal.METRICS, "gzip", "x", Protos.gauge("i", "g", 2, 1));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(first.contentEncoding()).isEqualTo("identity");
    assertThat(first.userAgent()).isEmpty();
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(store.metricPoints("g"))
        .extracting(p -> p.arrival().sequence())
        .containsExactly(1L, 2L);
  }

  @Test
  void clearForgetsEverythingReceived() {
    metrics(Protos.gauge("i", "g", 1, 1));
    store.clear();
    assertThat(store.requests()).isEmpty();
    assertThat(store.metricPoints()).isEmpty();
    assertThat(store.serviceInstanceIds()).isEmpty();
  }

  @Test
  void awaitReturnsOnceARequestFromAnotherThreadSatisfiesTheCondition() throws Exception {
    CompletableFuture<Void> late =
        CompletableFuture.runAsync(
            () -> metrics(Protos.gauge("i", "late", 1, 1)),
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

    store.await(Duration.ofSeconds(10), "late gauge", () -> !store.metricPoints("late").isEmpty());

    assertThat(store.metricNames()).containsExactly("late");
    late.get(5, TimeUnit.SECONDS);
  }

  @Test
  void awaitTimesOutWithASummaryOfWhatDidArrive() {
    metrics(Protos.gauge("i-7", "seen.metric", 1, 1));

    assertThatThrownBy(
            () -> store.await(Duration.ofMillis(300), "a span", () -> !store.spans().isEmpty()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a span")
        .hasMessageContaining("seen.metric")
        .hasMessageContaining("i-7");
  }

  @Test
  void listenersSeeEachRequestAfterItIsQueryable() {
    List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    store.addListener(r -> seen.add((long) store.metricPoints().size()));
    metrics(Protos.gauge("i", "g", 1, 1));
    assertThat(seen).containsExactly(1L);
  }

  @Test
  void attributeValuesBecomePlainJavaValues() {
    AnyValue array =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setIntValue(1))
                    .addValues(AnyValue.newBuilder().setStringValue("x")))
            .build();
    AnyValue kvlist =
        AnyValue.newBuilder()
            .setKvlistValue(KeyValueList.newBuilder().addValues(kv("inner", "v")))
            .build();
    Map<String, Object> attrs =
        AnyValues.attributes(
            List.of(
                KeyValue.newBuilder()
                    .setKey("long")
                    .setValue(AnyValue.newBuilder().setIntValue(3))
                    .build(),
                KeyValue.newBuilder()
                    .setKey("bool")
                    .setValue(AnyValue.newBuilder().setBoolValue(true))
                    .build(),
                KeyValue.newBuilder()
                    .setKey("double")
                    .setValue(AnyValue.newBuilder().setDoubleValue(1.5))
                    .build(),
                KeyValue.newBuilder().setKey("array").setValue(array).build(),
                KeyValue.newBuilder().setKey("map").setValue(kvlist).build(),
                KeyValue.newBuilder().setKey("unset").build()));

    assertThat(attrs)
        .containsEntry("long", 3L)
        .containsEntry("bool", true)
        .containsEntry("double", 1.5)
        .containsEntry("array", List.of(1L, "x"))
        .containsEntry("map", Map.of("inner", "v"))
        .containsEntry("unset", null);
    assertThat(attrs.keySet()).containsExactly("long", "bool", "double", "array", "map", "unset");
  }
}
