package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.identity.MapSettings;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

class SettingsValidatorTest {

  @Test
  void validStandardSettingsPass() {
    assertThat(
            SettingsValidator.firstError(
                MapSettings.of(
                    "otel.exporter.otlp.protocol", "http/protobuf",
                    "otel.exporter.otlp.traces.protocol", "grpc",
                    "otel.exporter.otlp.endpoint", "https://collector.example:4318",
                    "otel.exporter.otlp.headers", "authorization=Bearer x,tenant=a",
                    "otel.metric.export.interval", "5000",
                    "vcon.agent.instance-id.format", "uuid")))
        .isNull();
    assertThat(SettingsValidator.firstError(MapSettings.of())).isNull();
  }

  @Test
  void unsupportedProtocolNamesSettingValueAndAcceptedValues() {
    assertThat(
            SettingsValidator.firstError(
                MapSettings.of("otel.exporter.otlp.protocol", "http/json")))
        .isEqualTo(
            "vcon-otel-agent: invalid otel.exporter.otlp.protocol"
                + " (OTEL_EXPORTER_OTLP_PROTOCOL)=\"http/json\": accepted is grpc or http/protobuf;"
                + " telemetry is disabled for this process");
  }

  @Test
  void perSignalProtocolIsCheckedToo() {
    assertThat(
            SettingsValidator.firstError(
                MapSettings.of("otel.exporter.otlp.metrics.protocol", "http")))
        .contains("otel.exporter.otlp.metrics.protocol", "\"http\"", "grpc or http/protobuf")
        .doesNotContain("\n");
  }

  @Test
  void metricExportIntervalMustBeAPositiveDurationInTheSdksForm() {
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.metric.export.interval", "5s")))
        .isNull();
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.metric.export.interval", "five")))
        .contains("otel.metric.export.interval", "\"five\"", "positive duration");
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.metric.export.interval", "0")))
        .contains("\"0\"");
  }

  @Test
  void negativeIntervalsTimeoutsAndSizesAreOneLineNamingTheSetting() {
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.bsp.schedule.delay", "-5s")))
        .isEqualTo(
            "vcon-otel-agent: invalid otel.bsp.schedule.delay (OTEL_BSP_SCHEDULE_DELAY)=\"-5s\":"
                + " accepted is a positive duration, e.g. 5000 (milliseconds) or 5s; telemetry is"
                + " disabled for this process");
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.metric.export.interval", "-1")))
        .contains("otel.metric.export.interval", "\"-1\"");
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.exporter.otlp.timeout", "-100")))
        .contains("otel.exporter.otlp.timeout", "\"-100\"", "non-negative duration");
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.bsp.export.timeout", "0")))
        .isNull();
    assertThat(SettingsValidator.firstError(MapSettings.of("otel.bsp.max.queue.size", "-1")))
        .contains("otel.bsp.max.queue.size", "\"-1\"", "positive whole number");
    assertThat(
            SettingsValidator.firstError(MapSettings.of("otel.bsp.max.export.batch.size", "lots")))
        .contains("otel.bsp.max.export.batch.size", "\"lots\"");
  }

  @Test
  void endpointMustBeAnHttpOrHttpsUrl() {
    assertThat(
            SettingsValidator.firstError(
                MapSettings.of("otel.exporter.otlp.endpoint", "collector:4317")))
        .contains("otel.exporter.otlp.endpoint", "\"collector:4317\"", "http:// or https:// URL");
    assertThat(
            SettingsValidator.firstError(
                MapSettings.of("otel.exporter.otlp.traces.endpoint", "grpc://collector:4317")))
        .contains("otel.exporter.otlp.traces.endpoint");
  }

  @Test
  void malformedHeadersAreReportedWithoutTheirValue() {
    String line =
        SettingsValidator.firstError(
            MapSettings.of("otel.exporter.otlp.headers", "Bearer s3cr3t-token"));
    assertThat(line)
        .contains("otel.exporter.otlp.headers", "value not shown")
        .doesNotContain("s3cr3t");
  }

  @Test
  void agentSettingsAreLeftToTheAgentConfigurationWhichReportsThemOnce() {
    assertThat(
            SettingsValidator.firstError(MapSettings.of("vcon.agent.instance-id.format", "random")))
        .isNull();
  }

  @Test
  void sdkConfigurationErrorsBecomeOneLineWithoutHeaderValues() {
    assertThat(
            SettingsValidator.rejected(
                new ConfigurationException(
                    "Unrecognized value for otel.traces.exporter: zipkin\n  at x")))
        .isEqualTo(
            "vcon-otel-agent: OpenTelemetry configuration rejected: Unrecognized value for"
                + " otel.traces.exporter: zipkin at x; telemetry is disabled for this process");
    assertThat(
            SettingsValidator.rejected(
                new ConfigurationException(
                    "Invalid map property: otel.exporter.otlp.headers=token s3cr3t")))
        .doesNotContain("s3cr3t")
        .contains("otel.exporter.otlp.headers=<not shown>");
  }

  @Test
  void wrappedSdkFailuresNameTheirCause() {
    assertThat(
            SettingsValidator.rejected(
                new ConfigurationException(
                    "Unexpected configuration error", new IllegalStateException("no sender"))))
        .contains("Unexpected configuration error (IllegalStateException: no sender)");
  }
}
