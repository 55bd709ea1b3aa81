package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;

/**
 * Exports nothing until the process has recorded something of its own (a chain run, link, storage
 * or queue call): a supervisor that only starts workers would otherwise appear in the backend as
 * one more instance carrying nothing but the agent's self-telemetry. Metrics are cumulative, so the
 * first export after that still carries everything since the start.
 */
final class QuietUntilRecorded extends ForwardingMetricExporter {

  private volatile boolean recorded;

  private QuietUntilRecorded(MetricExporter delegate) {
    super(delegate);
  }

  static MetricExporter wrap(MetricExporter exporter) {
    return new QuietUntilRecorded(exporter);
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    if (!recorded) {
      for (MetricData metric : metrics) {
        if (isRecording(metric)) {
          recorded = true;
          break;
        }
      }
      if (!recorded) {
        return CompletableResultCode.ofSuccess();
      }
    }
    return delegate.export(metrics);
  }

  /** One of the conserver instruments, which only the host's own calls ever touch. */
  private static boolean isRecording(MetricData metric) {
    return ConserverMetrics.SCOPE_NAME.equals(metric.getInstrumentationScopeInfo().getName())
        && metric.getName().startsWith("conserver.");
  }
}
