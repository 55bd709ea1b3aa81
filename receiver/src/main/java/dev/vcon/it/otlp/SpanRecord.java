package dev.vcon.it.otlp;

import java.util.List;
import java.util.Map;

/**
 * One span, flattened with its resource and scope so tests need not walk the proto tree.
 *
 * @param traceId lower-case hex (32 chars)
 * @param spanId lower-case hex (16 chars)
 * @param parentSpanId lower-case hex, or empty for a root span
 * @param kind {@code INTERNAL}, {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER}
 *     or {@code UNSPECIFIED}
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}
 */
public record SpanRecord(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    long startEpochNanos,
    long endEpochNanos,
    Map<String, Object> attributes,
    String statusCode,
    String statusMessage,
    List<SpanEvent> events,
    List<SpanLink> links,
    Map<String, Object> resource,
    String scopeName,
    Arrival arrival) {

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** The resource's {@code service.instance.id}, or null when the resource has none. */
  public String serviceInstanceId() {
    return (String) resource.get(OtlpStore.SERVICE_INSTANCE_ID);
  }
}
