package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

class QuietUntilRecordedTest {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();

  @Test
  void aProcessWithOnlySelfTelemetryExportsNothingUntilItRecordsAConserverMetric() {
    io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter sink =
        io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter.create();
    io.opentelemetry.sdk.metrics.export.MetricExporter exporter = QuietUntilRecorded.wrap(sink);
    Meter self = provider.get("io.opentelemetry.sdk.trace");
    self.counterBuilder("otel.sdk.span.started").build().add(1);
    exporter.export(reader.collectAllMetrics());
    assertThat(sink.getFinishedMetricItems()).isEmpty();

    Meter ours = provider.get(ConserverMetrics.SCOPE_NAME);
    ours.counterBuilder("vcon.agent.advice.errors").build().add(0);
    exporter.export(reader.collectAllMetrics());
    assertThat(sink.getFinishedMetricItems()).as("self-telemetry of ours alone").isEmpty();

    ours.counterBuilder("conserver.main_loop.count_vcons_processed").build().add(1);
    exporter.export(reader.collectAllMetrics());
    assertThat(sink.getFinishedMetricItems())
        .extracting(MetricData::getName)
        .contains("conserver.main_loop.count_vcons_processed", "otel.sdk.span.started");

    sink.reset();
    exporter.export(reader.collectAllMetrics());
    assertThat(sink.getFinishedMetricItems()).as("from then on, every export").isNotEmpty();
  }
}
