package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
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
final class CumulativeMetricExporter extends ForwardingMetricExporter {
  private final Runnable onSuccess;

  private CumulativeMetricExporter(MetricExporter delegate, Runnable onSuccess) {
    super(delegate);
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
}
