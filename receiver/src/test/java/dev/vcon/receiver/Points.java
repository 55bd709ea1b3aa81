package dev.vcon.receiver;

import dev.vcon.it.otlp.Arrival;
import dev.vcon.it.otlp.HistogramValue;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.Signal;
import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decoded points and spans as the receiver's views get them. */
final class Points {
  private static final Arrival ARRIVAL =
      new Arrival(1, Instant.EPOCH, Protocol.GRPC, Signal.METRICS, "identity", "");

  private Points() {}

  static MetricPoint sum(String instance, String metric, long epochNanos, long value) {
    return new MetricPoint(
        metric,
        "{vcon}",
        MetricPoint.Type.SUM,
        MetricPoint.Temporality.CUMULATIVE,
        false,
        Map.of(ConserverMetrics.CHAIN, "main_chain"),
        value,
        null,
        0,
        epochNanos,
        Map.of("service.instance.id", instance),
        "vcon-otel-agent",
        ARRIVAL);
  }

  static MetricPoint runTime(String instance, long epochNanos, List<Long> counts) {
    long count = counts.stream().mapToLong(Long::longValue).sum();
    HistogramValue h =
        new HistogramValue(count, Double.NaN, Double.NaN, Double.NaN, counts, List.of(1.0, 2.0));
    return new MetricPoint(
        ConserverMetrics.RUN_TIME,
        "s",
        MetricPoint.Type.HISTOGRAM,
        MetricPoint.Temporality.CUMULATIVE,
        false,
        Map.of(ConserverMetrics.CHAIN, "main_chain"),
        null,
        h,
        0,
        epochNanos,
        Map.of("service.instance.id", instance),
        "vcon-otel-agent",
        ARRIVAL);
  }

  static SpanRecord span(String traceId, String spanId, String parent, String name, boolean link) {
    return new SpanRecord(
        traceId,
        spanId,
        parent,
        name,
        "INTERNAL",
        1_000_000,
        3_000_000,
        Map.of("vcon_id", "v-" + traceId),
        "UNSET",
        "",
        List.of(),
        link ? List.of(new SpanLink("ab".repeat(16), "cd".repeat(8), "", 1, Map.of())) : List.of(),
        Map.of("service.instance.id", "host-pid-1"),
        "vcon-otel-agent",
        ARRIVAL);
  }
}
