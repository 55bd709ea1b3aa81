package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.InstanceIdFormat;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import dev.vcon.agent.core.identity.ProcessIdentity;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryHolderTest {
  private final AtomicLong pid = new AtomicLong(100);
  private final List<String> errors = new ArrayList<>();
  private final InMemoryPipelines pipelines = new InMemoryPipelines();
  private final MapSettings settings =
      MapSettings.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none");
  private final TelemetryHolder holder =
      TelemetryHolder.create(
              errors::add,
              pid::get,
              new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT, pipelines),
              Runnable::run)
          .orElseThrow();

  @AfterEach
  void shutDown() {
    holder.shutdown(Duration.ofSeconds(5));
  }

  private static long processedSum(Collection<MetricData> metrics) {
    return metrics.stream()
        .filter(m -> m.getName().equals("conserver.main_loop.count_vcons_processed"))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .mapToLong(p -> p.getValue())
        .sum();
  }

  @Test
  void afterAPidChangeTheCurrentGenerationRecordsThroughTheNewProviderAndIdentity() {
    Attributes chain = Attributes.of(ConserverMetrics.CHAIN_NAME, "main");
    holder.current().metrics().processed().add(1, chain);
    Telemetry before = holder.current();
    assertThat(before.identity().serviceInstanceId()).endsWith("-pid-100");

    pid.set(200);
    assertThat(holder.refreshIfPidChanged()).isTrue();
    // users (the tracker) take the current generation for every call, so they follow the swap
    holder.current().metrics().processed().add(5, chain);
    holder.current().tracer().spanBuilder("vcon_processing.main").startSpan().end();

    assertThat(pipelines.readers).hasSize(2);
    Collection<MetricData> fresh = pipelines.reader(1).collectAllMetrics();
    assertThat(processedSum(fresh)).isEqualTo(5);
    assertThat(
            fresh.iterator().next().getResource().getAttribute(ProcessIdentity.SERVICE_INSTANCE_ID))
        .endsWith("-pid-200");
    assertThat(pipelines.spans.get(1).getFinishedSpanItems()).hasSize(1);
    assertThat(pipelines.spans.get(0).getFinishedSpanItems()).isEmpty();
    assertThat(holder.current().identity().pid()).isEqualTo(200);
    assertThat(holder.current().identity().serviceInstanceId()).endsWith("-pid-200");

    assertThat(before.isShutdown()).isTrue();
    assertThat(pipelines.reader(0).collectAllMetrics()).isEmpty();
  }

  @Test
  void gateIsANoOpWhileThePidIsUnchanged() {
    Telemetry first = holder.current();
    assertThat(holder.refreshIfPidChanged()).isFalse();
    assertThat(holder.current()).isSameAs(first);
    assertThat(pipelines.readers).hasSize(1);
  }

  @Test
  void afterRestoreRunsThePidGateAndBeforeCheckpointFlushes() throws Exception {
    holder.checkpointResource().beforeCheckpoint(null);
    pid.set(300);
    holder.checkpointResource().afterRestore(null);
    assertThat(holder.current().identity().pid()).isEqualTo(300);
    assertThat(errors).isEmpty();
  }

  @Test
  void registeringWithCracOnAPlainJvmIsHarmless() {
    holder.registerForCheckpointRestore();
    assertThat(errors).isEmpty();
  }

  @Test
  void shutdownStopsTheGate() {
    Telemetry last = holder.current();
    holder.shutdown(Duration.ofSeconds(5));
    pid.set(400);
    assertThat(holder.refreshIfPidChanged()).isFalse();
    assertThat(last.isShutdown()).isTrue();
  }

  @Test
  void invalidSettingLeavesNoPipelineAndOneLine() {
    List<String> lines = new ArrayList<>();
    MapSettings bad = MapSettings.of("otel.exporter.otlp.protocol", "http/json");
    assertThat(
            TelemetryHolder.create(
                lines::add,
                pid::get,
                new TelemetryFactory(bad.otel(), InstanceIdSetting.DEFAULT),
                Runnable::run))
        .isEmpty();
    assertThat(lines).hasSize(1);
    assertThat(TelemetryHolder.start(bad.otel(), InstanceIdSetting.DEFAULT, lines::add)).isEmpty();
    assertThat(lines).hasSize(2);
  }

  @Test
  void startBuildsRegistersAndReportsAStartupLine() {
    List<String> lines = new ArrayList<>();
    TelemetryHolder started =
        TelemetryHolder.start(
                settings.otel(), InstanceIdSetting.of("w-9", InstanceIdFormat.HOST_PID), lines::add)
            .orElseThrow();
    try {
      assertThat(started.startupLine())
          .startsWith("vcon-otel-agent dev started: service.instance.id=w-9 endpoint=")
          .endsWith(" protocol=grpc");
      assertThat(lines).isEmpty();
    } finally {
      assertThat(started.shutdown(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aBadInstanceIdFormatIsOneLineAndTelemetryStartsWithTheDefault() {
    List<String> lines = new ArrayList<>();
    AgentConfig config =
        AgentConfig.from(
            Map.of("vcon.agent.instance-id.format", "random"),
            Map.of(),
            Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none"),
            lines::add);
    TelemetryHolder started =
        TelemetryHolder.start(config.otel(), config.instanceId(), lines::add).orElseThrow();
    try {
      assertThat(lines)
          .containsExactly(
              "vcon-otel-agent: invalid setting vcon.agent.instance-id.format='random': expected"
                  + " host-pid or uuid; using host-pid");
      assertThat(started.current().identity().serviceInstanceId())
          .endsWith("-pid-" + ProcessHandle.current().pid());
    } finally {
      started.shutdown(Duration.ofSeconds(5));
    }
  }
}
