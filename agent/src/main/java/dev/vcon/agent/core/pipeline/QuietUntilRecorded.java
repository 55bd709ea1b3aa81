package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;

/**
 * Exports nothing until the process has recorded something of its own (a chain run, link, storage
 * or queue call): a supervisor that only starts workers would otherwise appear in the backend as
 * one more instance carrying nothing but the agent's self-telemetry. Metrics are cumulative, so the
 * first export after that still carries everything since the start.
 */
final class QuietUntilRecorded implements MetricExporter {

  private final MetricExporter delegate;
  private volatile boolean recorded;

  private QuietUntilRecorded(MetricExporter delegate) {
    this.delegate = delegate;
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

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return delegate.getMemoryMode();
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
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "QuietUntilRecorded{" + delegate + "}";
  }
}
