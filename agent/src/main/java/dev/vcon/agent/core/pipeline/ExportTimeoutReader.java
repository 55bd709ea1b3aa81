package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.time.Duration;

/**
 * Rebuilds autoconfigure's periodic metric reader so that it waits for an export as long as the
 * exporter itself may take. By default the reader gives up after one export interval and logs
 * "Exporter timed out"; with a short interval on a busy host that fires although the export
 * succeeds a moment later, which is noise for the operator.
 */
final class ExportTimeoutReader {

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final Duration DEFAULT_EXPORTER_TIMEOUT = Duration.ofSeconds(10);

  private ExportTimeoutReader() {}

  /** The reader to use instead of {@code reader}; the same one when it is not ours to rebuild. */
  static MetricReader replace(
      MetricReader reader, MetricExporter exporter, ConfigProperties config) {
    if (!(reader instanceof PeriodicMetricReader) || exporter == null) {
      return reader;
    }
    Duration interval = config.getDuration("otel.metric.export.interval", DEFAULT_INTERVAL);
    Duration exporterTimeout =
        config.getDuration(
            "otel.exporter.otlp.metrics.timeout",
            config.getDuration("otel.exporter.otlp.timeout", DEFAULT_EXPORTER_TIMEOUT));
    return PeriodicMetricReader.builder(exporter)
        .setInterval(interval)
        .setExporterTimeout(exporterTimeout.compareTo(interval) > 0 ? exporterTimeout : interval)
        // as autoconfigure's own reader: no reader self-metrics, which would make even an idle
        // process (a supervisor that runs no chain) export a series of its own
        .setInternalTelemetryVersion(InternalTelemetryVersion.LEGACY)
        .build();
  }
}
