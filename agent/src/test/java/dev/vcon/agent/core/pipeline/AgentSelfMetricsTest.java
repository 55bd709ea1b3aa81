package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.identity.MapSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * From the backend alone a user can tell the agent is losing data: each generation reports the
 * agent's own advice errors and the SDK's health metrics under their standard names.
 */
class AgentSelfMetricsTest {
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  @Test
  void adviceErrorsAreACounterPerRole() {
    Collection<MetricData> metrics =
        collect(
            MapSettings.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none"),
            role -> role == Role.LINK ? 3 : 0,
            0);
    MetricData errors = metric(metrics, "vcon.agent.advice.errors");
    Map<String, Long> byRole =
        errors.getLongSumData().getPoints().stream()
            .collect(
                Collectors.toMap(
                    p -> p.getAttributes().get(AgentSelfMetrics.ROLE), LongPointData::getValue));
    assertThat(byRole)
        .containsEntry("link", 3L)
        .containsEntry("chain", 0L)
        .hasSize(Role.values().length);
    assertThat(byRole.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
    assertThat(errors.getLongSumData().isMonotonic()).isTrue();
  }

  @Test
  void droppedSpansAreCountedUnderTheSdksStandardNameWithTheQueueCapacity() throws Exception {
    Collection<MetricData> metrics =
        collect(
            MapSettings.of(
                "otel.metrics.exporter", "none",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort(),
                "otel.bsp.max.queue.size", "4",
                "otel.bsp.max.export.batch.size", "4",
                "otel.bsp.schedule.delay", "1h"),
            AgentHealth.NONE,
            50);
    MetricData processed = metric(metrics, "otel.sdk.processor.span.processed");
    long queueFull =
        processed.getLongSumData().getPoints().stream()
            .filter(p -> "queue_full".equals(p.getAttributes().get(ERROR_TYPE)))
            .mapToLong(LongPointData::getValue)
            .sum();
    assertThat(queueFull).isPositive();
    assertThat(
            metric(metrics, "otel.sdk.processor.span.queue.capacity").getLongSumData().getPoints())
        .extracting(LongPointData::getValue)
        .containsExactly(4L);
  }

  @Test
  void failedExportsAreCountedUnderTheSdksStandardName() throws Exception {
    MapSettings settings =
        MapSettings.of(
            "otel.metrics.exporter", "none",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort(),
            "otel.java.exporter.otlp.retry.disabled", "true");
    InMemoryPipelines pipelines = new InMemoryPipelines();
    TelemetryFactory factory =
        new TelemetryFactory(
            settings.otel(), InstanceIdSetting.DEFAULT, pipelines, AgentHealth.NONE);
    Telemetry telemetry = factory.build(factory.identity(() -> 1));
    try {
      for (int i = 0; i < 5; i++) {
        telemetry.tracer().spanBuilder("s" + i).startSpan().end();
      }
      telemetry.flush(Duration.ofSeconds(10));
      Collection<MetricData> metrics = pipelines.reader(0).collectAllMetrics();
      long failed =
          metric(metrics, "otel.sdk.exporter.span.exported").getLongSumData().getPoints().stream()
              .filter(p -> p.getAttributes().get(ERROR_TYPE) != null)
              .mapToLong(LongPointData::getValue)
              .sum();
      assertThat(failed).isEqualTo(5);
    } finally {
      telemetry.shutdown(Duration.ofSeconds(1));
    }
  }

  private static Collection<MetricData> collect(
      MapSettings settings, AgentHealth health, int spans) {
    InMemoryPipelines pipelines = new InMemoryPipelines();
    TelemetryFactory factory =
        new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT, pipelines, health);
    Telemetry telemetry = factory.build(factory.identity(() -> 1));
    try {
      for (int i = 0; i < spans; i++) {
        telemetry.tracer().spanBuilder("s" + i).startSpan().end();
      }
      return pipelines.reader(0).collectAllMetrics();
    } finally {
      telemetry.shutdown(Duration.ofSeconds(1));
    }
  }

  private static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " not among "
                        + metrics.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
