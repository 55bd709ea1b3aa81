package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/** One storage write: its child span, its outcome and its duration in milliseconds. */
final class StorageCall implements ExitHandle {

  private final CallFrames frames;
  private final CallFrames.Frame frame;
  private final String backend;
  private final Span span;
  private final ConserverMetrics metrics;
  private final MetricAttributes attributes;
  private final long startNanos = System.nanoTime();

  StorageCall(
      CallFrames frames,
      CallFrames.Frame frame,
      String backend,
      Span span,
      ConserverMetrics metrics,
      MetricAttributes attributes) {
    this.frames = frames;
    this.frame = frame;
    this.backend = backend;
    this.span = span;
    this.metrics = metrics;
    this.attributes = attributes;
  }

  @Override
  public void exit(Object result, Throwable thrown) {
    try {
      frames.pop(frame);
      String outcome = Outcomes.ofStorage(thrown);
      if (thrown != null) {
        Errors.recordFailure(span, thrown);
      }
      span.setAttribute(SpanKeys.OUTCOME, outcome);
      Attributes metricAttributes = attributes.storage(backend, outcome);
      metrics.storageDuration().record((System.nanoTime() - startNanos) / 1e6, metricAttributes);
      metrics.storageCount().add(1, metricAttributes);
    } finally {
      span.end();
    }
  }
}
