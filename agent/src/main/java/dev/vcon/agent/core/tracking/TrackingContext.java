package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.share.ContextSharing;

/** What every role handler shares: the pipeline generations, the runs in progress, the names. */
final class TrackingContext {

  final TelemetrySource telemetry;
  final ActiveRuns runs = new ActiveRuns();

  /** Our open span made current for other instrumentation (official agent, host SDK). */
  final ContextSharing sharing;

  /** The most chars of a host value kept anywhere ({@code otel.attribute.value.length.limit}). */
  final int valueLimit;

  /** Created at the first recorded call, so premain does not pay for it. */
  private volatile MetricAttributes lazyAttributes;

  TrackingContext(TelemetrySource telemetry, ContextSharing sharing, int valueLimit) {
    this.telemetry = telemetry;
    this.sharing = sharing;
    this.valueLimit = valueLimit;
  }

  MetricAttributes attributes() {
    MetricAttributes current = lazyAttributes;
    if (current == null) {
      synchronized (this) {
        current = lazyAttributes;
        if (current == null) {
          current = new MetricAttributes();
          lazyAttributes = current;
        }
      }
    }
    return current;
  }
}
