package dev.vcon.it.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.fixtures.SleepingMain;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.Arrival;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The harness and the receiver against a real external JVM: a trivial main run with the official
 * OpenTelemetry Java agent must deliver its resource and JVM metrics over either protocol.
 */
class OfficialAgentIT {
  /** The official agent adds ~3 s of start-up here, more on a loaded machine. */
  private static final Duration DELIVERY = Duration.ofSeconds(90);

  @Test
  void officialAgentJarWasFetchedAtTheManagedVersionAndIsAJavaAgent() throws Exception {
    Path jar = ItJars.officialAgent();
    assertThat(jar).endsWith(Path.of("target", "otel-javaagent", "opentelemetry-javaagent.jar"));
    assertThat(Files.size(jar)).isGreaterThan(1_000_000);
    try (JarFile jf = new JarFile(jar.toFile())) {
      Attributes main = jf.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class"))
          .isEqualTo("io.opentelemetry.javaagent.OpenTelemetryAgent");
      assertThat(main.getValue("Implementation-Version"))
          .isEqualTo(System.getProperty("vcon.it.otelAgentVersion"));
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void trivialJvmWithTheOfficialAgentDeliversItsResourceAndJvmMetrics(Protocol protocol) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess jvm =
            JvmLauncher.forTest("OfficialAgentIT." + protocol.name(), "trivial")
                .javaagent(ItJars.officialAgent())
                .systemProperty("otel.exporter.otlp.endpoint", receiver.endpoint(protocol))
                .systemProperty("otel.exporter.otlp.protocol", protocol.otelName())
                .systemProperty("otel.metric.export.interval", "1000")
                .systemProperty("otel.service.name", "vcon-it-trivial")
                .classpath(ItJars.testClasses())
                .mainClass(SleepingMain.class.getName())
                .args("3000")
                .start()) {
      OtlpStore store = receiver.store();
      long pid = jvm.pid();

      // process.pid in the resource ties what arrived to the JVM the harness started.
      store.await(
          DELIVERY,
          "jvm.* metrics from pid " + pid + " over " + protocol,
          () ->
              !store
                  .metricPoints(p -> fromPid(p, pid) && p.metricName().startsWith("jvm."))
                  .isEmpty());

      assertThat(jvm.awaitExit(DELIVERY)).as(jvm.outputTails()).isZero();
      assertThat(jvm.stdout().lines()).contains("done");

      List<MetricPoint> points = store.metricPoints(p -> fromPid(p, pid));
      assertThat(points)
          .extracting(MetricPoint::metricName)
          .anyMatch(n -> n.startsWith("jvm.memory."));
      assertThat(points.get(0).resource())
          .containsEntry("service.name", "vcon-it-trivial")
          .containsEntry("telemetry.distro.name", "opentelemetry-java-instrumentation")
          .containsEntry(
              "telemetry.distro.version", System.getProperty("vcon.it.otelAgentVersion"));
      assertThat(store.arrivals(Signal.METRICS))
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.protocol()).isEqualTo(protocol))
          .extracting(Arrival::userAgent)
          .allMatch(ua -> ua.startsWith("OTel-OTLP-Exporter-Java"));
    }
  }

  private static boolean fromPid(MetricPoint p, long pid) {
    return Long.valueOf(pid).equals(p.resource().get("process.pid"));
  }
}
