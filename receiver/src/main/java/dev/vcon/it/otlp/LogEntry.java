package dev.vcon.it.otlp;

import java.util.Map;

/**
 * One log record, flattened with its resource and scope.
 *
 * @param body the body converted as by {@link AnyValues#toJava}; usually a String
 * @param traceId lower-case hex, or empty
 */
public record LogEntry(
    long epochNanos,
    String severityText,
    int severityNumber,
    Object body,
    Map<String, Object> attributes,
    String traceId,
    String spanId,
    Map<String, Object> resource,
    String scopeName,
    Arrival arrival) {}
