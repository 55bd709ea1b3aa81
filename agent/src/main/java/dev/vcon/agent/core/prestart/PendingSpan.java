package dev.vcon.agent.core.prestart;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A span started before the pipeline was ready. It keeps what happens to it (attributes, status,
 * exceptions, its end time) until the pipeline is ready; then {@link #materialize} starts the real
 * span with the original start time, replays those calls, ends it at the original end time if it
 * had ended, and every later call goes straight to the real span.
 */
final class PendingSpan implements Span {
  private final PreStartBuffer buffer;
  private final PendingSpanBuilder builder;
  private final long startEpochNanos;
  private final List<Consumer<Span>> calls = new ArrayList<>();
  private long endEpochNanos;
  private volatile Span real;

  PendingSpan(PreStartBuffer buffer, PendingSpanBuilder builder, long startEpochNanos) {
    this.buffer = buffer;
    this.builder = builder;
    this.startEpochNanos = startEpochNanos;
  }

  /** The real span, started now if the pipeline is ready; {@code null} if it is not yet. */
  synchronized Span materialize() {
    if (real == null) {
      Tracer tracer = buffer.realTracer();
      if (tracer == null) {
        return null;
      }
      Span span = builder.build(tracer, startEpochNanos);
      for (Consumer<Span> call : calls) {
        call.accept(span);
      }
      calls.clear();
      if (endEpochNanos != 0) {
        span.end(endEpochNanos, TimeUnit.NANOSECONDS);
      }
      real = span;
    }
    return real;
  }

  /** Applies {@code call} to the real span, or keeps it for later if there is none yet. */
  private Span apply(Consumer<Span> call) {
    Span target = real;
    if (target == null) {
      synchronized (this) {
        target = materialize();
        if (target == null) {
          if (endEpochNanos == 0) {
            calls.add(call);
          }
          return this;
        }
      }
    }
    call.accept(target);
    return this;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    return apply(s -> s.setAttribute(key, value));
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    long at = buffer.now();
    return apply(s -> s.addEvent(name, attributes, at, TimeUnit.NANOSECONDS));
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    return apply(s -> s.addEvent(name, attributes, timestamp, unit));
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    return apply(s -> s.setStatus(statusCode, description));
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    return apply(s -> s.recordException(exception, additionalAttributes));
  }

  @Override
  public Span updateName(String name) {
    return apply(s -> s.updateName(name));
  }

  @Override
  public void end() {
    end(buffer.now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    Span target = real;
    if (target == null) {
      synchronized (this) {
        target = materialize();
        if (target == null) {
          if (endEpochNanos == 0) {
            endEpochNanos = unit.toNanos(timestamp);
          }
          return;
        }
      }
    }
    target.end(timestamp, unit);
  }

  /** Invalid until the pipeline is ready; then the real span's (made real on demand). */
  @Override
  public SpanContext getSpanContext() {
    Span target = real != null ? real : materialize();
    return target == null ? SpanContext.getInvalid() : target.getSpanContext();
  }

  @Override
  public boolean isRecording() {
    Span target = real;
    return target == null ? endEpochNanos == 0 : target.isRecording();
  }

  @Override
  public String toString() {
    return "PendingSpan{real=" + real + "}";
  }
}
