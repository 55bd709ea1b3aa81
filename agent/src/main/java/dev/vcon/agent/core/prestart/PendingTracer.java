package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** Span builders that record into the {@link PreStartBuffer}, or the real ones once it is open. */
final class PendingTracer implements Tracer {
  private final PreStartBuffer buffer;
  private final DroppedSpanBuilder dropped;

  PendingTracer(PreStartBuffer buffer) {
    this.buffer = buffer;
    this.dropped = new DroppedSpanBuilder(buffer);
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    // Full before the pipeline is ready: the span could not be kept, so nothing is collected for
    // it (should the pipeline open before it starts, it is still dropped, and counted).
    return buffer.isFull() && buffer.realTracer() == null
        ? dropped
        : new PendingSpanBuilder(buffer, spanName);
  }
}
