package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects what a span is built with, then starts a {@link PendingSpan} (pipeline not ready) or a
 * real span built from the same calls (ready by now).
 */
final class PendingSpanBuilder implements SpanBuilder {
  private final PreStartBuffer buffer;
  private final String name;
  private final List<Consumer<SpanBuilder>> calls = new ArrayList<>();
  private Context parent;
  private boolean noParent;
  private long startEpochNanos;

  PendingSpanBuilder(PreStartBuffer buffer, String name) {
    this.buffer = buffer;
    this.name = name;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    parent = context;
    noParent = false;
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    parent = null;
    noParent = true;
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    calls.add(b -> b.addLink(spanContext));
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
    calls.add(b -> b.addLink(spanContext, attributes));
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    calls.add(b -> b.setAttribute(key, value));
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    calls.add(b -> b.setAttribute(key, value));
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    calls.add(b -> b.setAttribute(key, value));
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    calls.add(b -> b.setAttribute(key, value));
    return this;
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    calls.add(b -> b.setAttribute(key, value));
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    calls.add(b -> b.setSpanKind(spanKind));
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    startEpochNanos = unit.toNanos(startTimestamp);
    return this;
  }

  @Override
  public Span startSpan() {
    long start = startEpochNanos != 0 ? startEpochNanos : buffer.now();
    if (buffer.realTracer() == null) {
      if (!buffer.reserveSpan()) {
        return Span.getInvalid();
      }
      PendingSpan span = new PendingSpan(buffer, this, start);
      buffer.enqueue(span);
      return span;
    }
    return build(buffer.realTracer(), start);
  }

  /** The real span, started at {@code startEpochNanos}, its parent made real first. */
  Span build(Tracer tracer, long startEpochNanos) {
    SpanBuilder real = tracer.spanBuilder(name);
    if (noParent) {
      real.setNoParent();
    } else if (parent != null) {
      Span parentSpan = Span.fromContextOrNull(parent);
      real.setParent(
          parentSpan instanceof PendingSpan
              ? parent.with(((PendingSpan) parentSpan).materialize())
              : parent);
    }
    for (Consumer<SpanBuilder> call : calls) {
      call.accept(real);
    }
    return real.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS).startSpan();
  }
}
