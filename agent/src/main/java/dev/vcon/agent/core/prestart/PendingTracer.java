package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** Span builders that record into the {@link PreStartBuffer}, or the real ones once it is open. */
final class PendingTracer implements Tracer {
  private final PreStartBuffer buffer;

  PendingTracer(PreStartBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    return new PendingSpanBuilder(buffer, spanName);
  }
}
