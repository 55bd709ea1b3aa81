package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The builder handed out while the pre-start buffer is full and the pipeline not ready: it keeps
 * nothing (one shared instance, no allocation per call), its span is the invalid one, and it counts
 * that span as dropped. Before, a span past the bound still collected every attribute it was given
 * only to be thrown away when started.
 */
final class DroppedSpanBuilder implements SpanBuilder {
  private final PreStartBuffer buffer;

  DroppedSpanBuilder(PreStartBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    return this;
  }

  @Override
  public Span startSpan() {
    buffer.droppedSpan();
    return Span.getInvalid();
  }
}
