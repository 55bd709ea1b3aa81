package dev.vcon.it.otlp;

import java.util.Map;

/** A decoded span link; ids are lower-case hex. */
public record SpanLink(
    String traceId, String spanId, String traceState, int flags, Map<String, Object> attributes) {}
