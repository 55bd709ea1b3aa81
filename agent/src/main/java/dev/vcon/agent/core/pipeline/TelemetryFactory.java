package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.Settings;
import dev.vcon.agent.core.identity.ProcessIdentity;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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
  /**
   * The {@code otel.*} keys passed from {@link Settings} (which adds the agent's properties file)
   * to autoconfigure. They go in as its lowest layer; the SDK itself still reads system properties
   * and the environment first, the same precedence {@link Settings} applies.
   */
  static final List<String> PASSED_KEYS = passedKeys();

  private final Settings settings;
  private final Consumer<AutoConfiguredOpenTelemetrySdkBuilder> testCustomization;
  private final CollectorHealth health = new CollectorHealth();

  TelemetryFactory(Settings settings) {
    this(settings, builder -> {});
  }

  /** {@code testCustomization} runs last, e.g. to add in-memory readers in tests. */
  TelemetryFactory(
      Settings settings, Consumer<AutoConfiguredOpenTelemetrySdkBuilder> testCustomization) {
    this.settings = settings;
    this.testCustomization = testCustomization;
  }

  Settings settings() {
    return settings;
  }

  /** What the exporters of every generation built here learnt of the collector. */
  CollectorHealth health() {
    return health;
  }

  OtlpTarget tracesTarget() {
    return OtlpTarget.of(settings, "traces");
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
                      CumulativeMetricExporter.wrap(
                          health.withRetryRule(exporter, retryDisabled(config)), health::exported);
                  ourExporter.set(cumulative);
                  return cumulative;
                })
            .addMetricReaderCustomizer(
                (reader, config) -> ExportTimeoutReader.replace(reader, ourExporter.get(), config));
    testCustomization.accept(builder);
    return new Telemetry(identity, builder.build().getOpenTelemetrySdk(), tracesTarget());
  }

  private static boolean retryDisabled(ConfigProperties config) {
    return config.getBoolean("otel.java.exporter.otlp.retry.disabled", false);
  }

  private Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>();
    for (String key : PASSED_KEYS) {
      String value = settings.get(key);
      if (value != null) {
        properties.put(key, value);
      }
    }
    // The agent emits traces and metrics only; an OTLP log exporter would just add a failing
    // connection. Still overridable by the user.
    properties.putIfAbsent("otel.logs.exporter", "none");
    // conserver exports every 5 s; its dashboards assume that resolution, not the SDK's 60 s.
    properties.putIfAbsent("otel.metric.export.interval", "5000");
    return properties;
  }

  private static ClassLoader ownLoader() {
    ClassLoader loader = TelemetryFactory.class.getClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  private static List<String> passedKeys() {
    List<String> keys = new ArrayList<>();
    Collections.addAll(
        keys,
        "otel.sdk.disabled",
        "otel.service.name",
        "otel.resource.attributes",
        "otel.resource.disabled.keys",
        "otel.java.enabled.resource.providers",
        "otel.java.disabled.resource.providers",
        "otel.traces.exporter",
        "otel.metrics.exporter",
        "otel.logs.exporter",
        "otel.propagators",
        "otel.traces.sampler",
        "otel.traces.sampler.arg",
        "otel.metric.export.interval",
        "otel.metric.export.timeout",
        "otel.metrics.exemplar.filter",
        "otel.bsp.schedule.delay",
        "otel.bsp.max.queue.size",
        "otel.bsp.max.export.batch.size",
        "otel.bsp.export.timeout",
        "otel.attribute.value.length.limit",
        "otel.attribute.count.limit",
        "otel.span.attribute.value.length.limit",
        "otel.span.attribute.count.limit",
        "otel.span.event.count.limit",
        "otel.span.link.count.limit",
        "otel.java.exporter.otlp.retry.disabled",
        "otel.java.exporter.memory_mode",
        "otel.exporter.otlp.metrics.temporality.preference",
        "otel.exporter.otlp.metrics.default.histogram.aggregation");
    for (String prefix :
        new String[] {
          "otel.exporter.otlp.",
          "otel.exporter.otlp.traces.",
          "otel.exporter.otlp.metrics.",
          "otel.exporter.otlp.logs."
        }) {
      for (String suffix :
          new String[] {
            "endpoint",
            "protocol",
            "headers",
            "timeout",
            "compression",
            "certificate",
            "client.key",
            "client.certificate"
          }) {
        keys.add(prefix + suffix);
      }
    }
    return Collections.unmodifiableList(keys);
  }
}
