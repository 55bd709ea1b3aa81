package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdFormat;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import dev.vcon.agent.core.identity.ProcessIdentity;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.resources.Resource;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TelemetryFactoryTest {
  private static final Duration BOUND = Duration.ofSeconds(5);

  private static MapSettings inMemory() {
    return MapSettings.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none");
  }

  private static Resource exportedResource(MapSettings settings) {
    return exportedResource(settings, InstanceIdSetting.DEFAULT);
  }

  private static Resource exportedResource(MapSettings settings, InstanceIdSetting instanceId) {
    InMemoryPipelines pipelines = new InMemoryPipelines();
    TelemetryFactory factory = new TelemetryFactory(settings.otel(), instanceId, pipelines);
    Telemetry telemetry = factory.build(factory.identity(() -> 321));
    try {
      telemetry.metrics().processed().add(1, Attributes.of(ConserverMetrics.CHAIN_NAME, "c"));
      MetricData data = pipelines.reader(0).collectAllMetrics().iterator().next();
      return data.getResource();
    } finally {
      telemetry.shutdown(BOUND);
    }
  }

  private static Telemetry build(MapSettings settings, InstanceIdSetting instanceId, long pid) {
    TelemetryFactory factory = new TelemetryFactory(settings.otel(), instanceId);
    return factory.build(factory.identity(() -> pid));
  }

  @Test
  void processInstanceIdWinsOverOneInheritedThroughResourceAttributes() {
    Resource resource =
        exportedResource(
            inMemory()
                .with(
                    "otel.resource.attributes",
                    "service.instance.id=parent-pid-1,deployment.environment.name=prod"));
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_INSTANCE_ID)).endsWith("-pid-321");
    assertThat(resource.getAttributes().asMap().keySet())
        .extracting(key -> key.getKey())
        .contains("deployment.environment.name", "telemetry.sdk.version", "process.creation.time");
    assertThat(resource.getAttribute(ProcessIdentity.PROCESS_PID)).isEqualTo(321L);
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_NAME)).isEqualTo("vcon-server");
    assertThat(resource.getAttribute(ProcessIdentity.TELEMETRY_DISTRO_NAME))
        .isEqualTo("vcon-otel-agent");
  }

  @Test
  void explicitInstanceIdBeatsEverything() {
    Resource resource =
        exportedResource(
            inMemory()
                .with("otel.resource.attributes", "service.instance.id=parent-pid-1")
                .with("otel.service.name", "billing"),
            InstanceIdSetting.of("worker-blue", InstanceIdFormat.HOST_PID));
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_INSTANCE_ID)).isEqualTo("worker-blue");
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_NAME)).isEqualTo("billing");
  }

  @Test
  void metricExportIsCumulativeEvenWhenDeltaIsPreferred() throws Exception {
    AtomicReference<MetricExporter> configured = new AtomicReference<>();
    MapSettings settings =
        MapSettings.of(
            "otel.traces.exporter", "none",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort(),
            "otel.exporter.otlp.metrics.temporality.preference", "delta");
    TelemetryFactory factory =
        new TelemetryFactory(
            settings.otel(),
            InstanceIdSetting.DEFAULT,
            builder ->
                builder.addMetricExporterCustomizer(
                    (exporter, config) -> {
                      configured.set(exporter);
                      return exporter;
                    }));
    Telemetry telemetry = factory.build(factory.identity(() -> 1));
    try {
      MetricExporter exporter = configured.get();
      assertThat(exporter.toString())
          .as("the OTLP exporter itself was set to delta")
          .contains("DELTA");
      for (InstrumentType type : InstrumentType.values()) {
        assertThat(exporter.getAggregationTemporality(type))
            .isEqualTo(AggregationTemporality.CUMULATIVE);
      }
    } finally {
      telemetry.shutdown(BOUND);
    }
  }

  @Test
  void globalOpenTelemetryIsNeverSet() throws Exception {
    MapSettings settings =
        MapSettings.of(
            "otel.exporter.otlp.protocol",
            "http/protobuf",
            "otel.exporter.otlp.endpoint",
            "http://127.0.0.1:" + closedPort());
    Telemetry telemetry = build(settings, InstanceIdSetting.DEFAULT, 2);
    telemetry.tracer().spanBuilder("s").startSpan().end();
    telemetry.metrics().processed().add(1);
    telemetry.flush(Duration.ofMillis(500));
    telemetry.shutdown(Duration.ofMillis(500));
    Field global = GlobalOpenTelemetry.class.getDeclaredField("globalOpenTelemetry");
    global.setAccessible(true);
    assertThat(global.get(null)).isNull();
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
  }

  @Test
  void sdkRejectionBecomesOneErrorLineAndNoPipeline() {
    List<String> errors = new ArrayList<>();
    MapSettings settings = MapSettings.of("otel.traces.exporter", "zipkin");
    assertThat(
            TelemetryHolder.create(
                errors::add,
                () -> 1,
                new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT),
                Runnable::run))
        .isEmpty();
    assertThat(errors)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("vcon-otel-agent: OpenTelemetry configuration rejected: ")
                    .contains("zipkin")
                    .endsWith("; telemetry is disabled for this process"));
  }

  @Test
  void startupLineNamesInstanceEndpointAndProtocolButNoHeaders() {
    MapSettings settings =
        inMemory()
            .with("otel.exporter.otlp.protocol", "http/protobuf")
            .with("otel.exporter.otlp.endpoint", "https://user:pw@collector:4318")
            .with("otel.exporter.otlp.headers", "authorization=Bearer s3cr3t");
    Telemetry telemetry =
        build(settings, InstanceIdSetting.of("w-1", InstanceIdFormat.HOST_PID), 3);
    try {
      assertThat(telemetry.startupLine())
          .isEqualTo(
              "vcon-otel-agent dev started: service.instance.id=w-1"
                  + " endpoint=https://collector:4318/v1/traces protocol=http/protobuf");
    } finally {
      telemetry.shutdown(BOUND);
    }
  }

  @Test
  void everyOtelKeyOfTheAgentFileReachesAutoconfigure() {
    AtomicReference<String> seen = new AtomicReference<>();
    TelemetryFactory factory =
        new TelemetryFactory(
            inMemory().with("otel.some.future.key", "from-file").otel(),
            InstanceIdSetting.DEFAULT,
            builder ->
                builder.addPropertiesCustomizer(
                    config -> {
                      seen.set(config.getString("otel.some.future.key"));
                      return java.util.Collections.emptyMap();
                    }));
    factory.build(factory.identity(() -> 4)).shutdown(BOUND);
    assertThat(seen.get()).isEqualTo("from-file");
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
