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
 * Forces CUMULATIVE temporality whatever {@code otel.exporter.otlp.metrics.temporality.preference}
 * says: with cumulative points a failed export loses nothing that the next successful one does not
 * carry, whereas a lost delta point is lost for good (and the collector is often down).
 */
final class CumulativeMetricExporter implements MetricExporter {
  private final MetricExporter delegate;
  private final Runnable onSuccess;

  private CumulativeMetricExporter(MetricExporter delegate, Runnable onSuccess) {
    this.delegate = delegate;
    this.onSuccess = onSuccess;
  }

  static MetricExporter wrap(MetricExporter exporter) {
    return wrap(exporter, () -> {});
  }

  /**
   * @param onSuccess called when an export reached the collector
   */
  static MetricExporter wrap(MetricExporter exporter, Runnable onSuccess) {
    return exporter instanceof CumulativeMetricExporter
        ? exporter
        : new CumulativeMetricExporter(exporter, onSuccess);
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
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
  public CompletableResultCode export(Collection<MetricData> metrics) {
    CompletableResultCode result = delegate.export(metrics);
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            onSuccess.run();
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
    return "CumulativeMetricExporter{" + delegate + "}";
  }
}
