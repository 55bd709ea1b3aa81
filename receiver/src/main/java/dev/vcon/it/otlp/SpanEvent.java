package dev.vcon.it.otlp;

import java.util.Map;

/** A decoded span event. */
public record SpanEvent(String name, long epochNanos, Map<String, Object> attributes) {}
