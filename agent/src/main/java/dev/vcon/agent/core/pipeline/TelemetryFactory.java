package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.OtelSettings;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Builds one {@link Telemetry} generation with the SDK's autoconfigure module, so the standard
 * {@code OTEL_*} variables (endpoint, protocol, headers, timeout, compression, certificates, export
 * interval, batch processor) mean what they mean everywhere else.
 *
 * <p>Never global: the result is not set as {@code GlobalOpenTelemetry}, and the OTLP exporter
 * providers hand their self-metrics a meter provider of their own (a no-op, then this SDK's),
 * instead of the builders' default of {@code GlobalOpenTelemetry}. No JVM shutdown hook either: the
 * agent's {@link ShutdownFlusher} bounds the exit flush, the SDK's would wait 10 s.
 */
final class TelemetryFactory {

  private final OtelSettings otel;
  private final InstanceIdSetting instanceId;
  private final Consumer<AutoConfiguredOpenTelemetrySdkBuilder> testCustomization;
  private final CollectorHealth health = new CollectorHealth();
  private final AgentHealth agentHealth;

  TelemetryFactory(OtelSettings otel, InstanceIdSetting instanceId) {
    this(otel, instanceId, builder -> {});
  }

  TelemetryFactory(
      OtelSettings otel,
      InstanceIdSetting instanceId,
      Consumer<AutoConfiguredOpenTelemetrySdkBuilder> testCustomization) {
    this(otel, instanceId, testCustomization, AgentHealth.NONE);
  }

  /** {@code testCustomization} runs last, e.g. to add in-memory readers in tests. */
  TelemetryFactory(
      OtelSettings otel,
      InstanceIdSetting instanceId,
      Consumer<AutoConfiguredOpenTelemetrySdkBuilder> testCustomization,
      AgentHealth agentHealth) {
    this.otel = otel;
    this.instanceId = instanceId;
    this.testCustomization = testCustomization;
    this.agentHealth = agentHealth;
  }

  /** The first {@code otel.*} value the SDK would reject, as one line; null when all are fine. */
  String firstInvalidSetting() {
    return SettingsValidator.firstError(otel);
  }

  /** What the exporters of every generation built here learnt of the collector. */
  CollectorHealth health() {
    return health;
  }

  /** The identity of this process as of now, for the next generation. */
  ProcessIdentity identity(PidSource pidSource) {
    return ProcessIdentity.detect(instanceId, pidSource);
  }

  OtlpTarget target(String signal) {
    return OtlpTarget.of(otel, signal);
  }

  /**
   * @throws io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException or another runtime
   *     exception when the SDK rejects its configuration
   */
  Telemetry build(ProcessIdentity identity) {
    AtomicReference<MetricExporter> ourExporter = new AtomicReference<>();
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        AutoConfiguredOpenTelemetrySdk.builder()
            // Only our own (relocated) service files: an application's SPI implementations are
            // for its own SDK, not ours.
            .setComponentLoader(ComponentLoader.forClassLoader(ownLoader()))
            .disableShutdownHook()
            .addPropertiesSupplier(this::properties)
            .addResourceCustomizer((resource, config) -> identity.applyTo(resource))
            .addSpanExporterCustomizer(
                (exporter, config) -> health.watch(exporter, retryDisabled(config)))
            .addMetricExporterCustomizer(
                (exporter, config) -> {
                  MetricExporter cumulative =
                      QuietUntilRecorded.wrap(
                          UnshadedScopeNames.wrap(
                              CumulativeMetricExporter.wrap(
                                  health.withRetryRule(exporter, retryDisabled(config)),
                                  health::exported)));
                  ourExporter.set(cumulative);
                  return cumulative;
                })
            .addMetricReaderCustomizer(
                (reader, config) -> ExportTimeoutReader.replace(reader, ourExporter.get(), config));
    testCustomization.accept(builder);
    Telemetry telemetry =
        new Telemetry(identity, builder.build().getOpenTelemetrySdk(), target("traces"));
    AgentSelfMetrics.register(telemetry.meter(), agentHealth);
    return telemetry;
  }

  private static boolean retryDisabled(ConfigProperties config) {
    return config.getBoolean("otel.java.exporter.otlp.retry.disabled", false);
  }

  private Map<String, String> properties() {
    // Every otel.* key of the agent's file; autoconfigure itself reads system properties and
    // OTEL_* variables over these, the same precedence the agent applies to its own keys.
    Map<String, String> properties = new HashMap<>(otel.fileProperties());
    // The agent emits traces and metrics only; an OTLP log exporter would just add a failing
    // connection. Still overridable by the user.
    properties.putIfAbsent("otel.logs.exporter", "none");
    // conserver exports every 5 s; its dashboards assume that resolution, not the SDK's 60 s.
    properties.putIfAbsent("otel.metric.export.interval", "5000");
    // The SDK's health metrics under their semantic-convention names (otel.sdk.processor.span.*
    // with error.type=queue_full for dropped spans, otel.sdk.exporter.*.exported with error.type
    // for failed exports) instead of the legacy processedSpans/queueSize: what a user searches.
    properties.putIfAbsent("otel.experimental.sdk.telemetry.version", "latest");
    return properties;
  }

  private static ClassLoader ownLoader() {
    ClassLoader loader = TelemetryFactory.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }
}
