package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.share.ContextSharing;

/** What every role handler shares: the pipeline generations, the runs in progress, the names. */
final class TrackingContext {

  final TelemetrySource telemetry;
  final ActiveRuns runs = new ActiveRuns();

  /** Our open span made current for other instrumentation (official agent, host SDK). */
  final ContextSharing sharing;

  /** Created at the first recorded call, so premain does not pay for it. */
  private volatile MetricAttributes lazyAttributes;

  TrackingContext(TelemetrySource telemetry, ContextSharing sharing) {
    this.telemetry = telemetry;
    this.sharing = sharing;
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
