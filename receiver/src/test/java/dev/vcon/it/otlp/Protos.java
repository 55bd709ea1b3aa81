package dev.vcon.it.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Hand-built OTLP requests, for tests that need exact control over timestamps and ids. */
final class Protos {
  private Protos() {}

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static Resource resource(String instanceId) {
    return Resource.newBuilder().addAttributes(kv("service.instance.id", instanceId)).build();
  }

  static ExportMetricsServiceRequest sum(
      String instanceId,
      String metric,
      AggregationTemporality temporality,
      long timeNanos,
      long value,
      KeyValue... attrs) {
    NumberDataPoint point =
        NumberDataPoint.newBuilder()
            .setTimeUnixNano(timeNanos)
            .setAsInt(value)
            .addAllAttributes(java.util.List.of(attrs))
            .build();
    Metric m =
        Metric.newBuilder()
            .setName(metric)
            .setSum(
                Sum.newBuilder()
                    .setAggregationTemporality(temporality)
                    .setIsMonotonic(true)
                    .addDataPoints(point))
            .build();
    return metrics(instanceId, m);
  }

  static ExportMetricsServiceRequest gauge(
      String instanceId, String metric, long timeNanos, double value) {
    NumberDataPoint point =
        NumberDataPoint.newBuilder().setTimeUnixNano(timeNanos).setAsDouble(value).build();
    return metrics(
        instanceId,
        Metric.newBuilder()
            .setName(metric)
            .setGauge(Gauge.newBuilder().addDataPoints(point))
            .build());
  }

  private static ExportMetricsServiceRequest metrics(String instanceId, Metric m) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource(instanceId))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(m)))
        .build();
  }

  static ExportTraceServiceRequest span(
      String instanceId, String name, byte traceByte, byte spanByte) {
    Span span =
        Span.newBuilder()
            .setName(name)
            .setTraceId(ByteString.copyFrom(filled(16, traceByte)))
            .setSpanId(ByteString.copyFrom(filled(8, spanByte)))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource(instanceId))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static byte[] filled(int n, byte b) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, b);
    return out;
  }
}
