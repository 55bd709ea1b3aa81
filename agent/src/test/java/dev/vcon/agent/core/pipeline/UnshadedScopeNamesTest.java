package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UnshadedScopeNamesTest {

  @Test
  void relocatedScopeNamesLoseTheRelocationPrefixOthersAreUnchanged() {
    InMemoryMetricExporter memory = InMemoryMetricExporter.create();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(UnshadedScopeNames.wrap(memory)).build())
            .build();
    Meter sdkOwn =
        provider
            .meterBuilder("dev.vcon.agent.shaded.io.opentelemetry.exporters.otlp-grpc")
            .setInstrumentationVersion("1.2.3")
            .build();
    sdkOwn.counterBuilder("otel.sdk.exporter.span.exported").build().add(3);
    provider.get("vcon-otel-agent").counterBuilder("conserver.link.count").build().add(1);
    provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);

    Map<String, String> scopeByMetric =
        memory.getFinishedMetricItems().stream()
            .collect(
                Collectors.toMap(
                    MetricData::getName,
                    m ->
                        m.getInstrumentationScopeInfo().getName()
                            + "@"
                            + m.getInstrumentationScopeInfo().getVersion(),
                    (a, b) -> a));
    assertThat(scopeByMetric)
        .containsEntry(
            "otel.sdk.exporter.span.exported", "io.opentelemetry.exporters.otlp-grpc@1.2.3")
        .containsEntry("conserver.link.count", "vcon-otel-agent@null");
    MetricData exported =
        memory.getFinishedMetricItems().stream()
            .filter(m -> m.getName().equals("otel.sdk.exporter.span.exported"))
            .findFirst()
            .orElseThrow();
    assertThat(exported.getLongSumData().getPoints())
        .singleElement()
        .extracting(p -> p.getValue())
        .isEqualTo(3L);
    provider.shutdown();
  }

  @Test
  void unshadedStripsOnlyTheLeadingPrefix() {
    assertThat(UnshadedScopeNames.unshaded("dev.vcon.agent.shaded.io.opentelemetry.sdk.trace"))
        .isEqualTo("io.opentelemetry.sdk.trace");
    assertThat(UnshadedScopeNames.unshaded("vcon-otel-agent")).isEqualTo("vcon-otel-agent");
    assertThat(UnshadedScopeNames.unshaded("my.dev.vcon.agent.shaded.x"))
        .isEqualTo("my.dev.vcon.agent.shaded.x");
  }
}
