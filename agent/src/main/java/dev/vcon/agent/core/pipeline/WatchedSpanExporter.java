package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** Tells {@link CollectorHealth} when an export of spans succeeded. */
final class WatchedSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final CollectorHealth health;

  WatchedSpanExporter(SpanExporter delegate, CollectorHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = delegate.export(spans);
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            health.exported();
          }
        });
    return result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
