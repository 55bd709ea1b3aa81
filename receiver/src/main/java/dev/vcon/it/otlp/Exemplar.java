package dev.vcon.it.otlp;

import java.util.Map;

/**
 * An exemplar of a histogram point: one recorded value and the span it was recorded under.
 *
 * @param traceId 32 lowercase hex digits, empty when the exemplar has no trace
 * @param spanId 16 lowercase hex digits, empty when the exemplar has no span
 * @param value the recorded value (as a double, whichever type was sent)
 * @param filteredAttributes the recording's attributes that the point's attributes do not have
 */
public record Exemplar(
    String traceId,
    String spanId,
    double value,
    long epochNanos,
    Map<String, Object> filteredAttributes) {}
