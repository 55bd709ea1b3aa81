package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import dev.vcon.it.security.host.StayUpMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SDK's own health metrics (exporter and processor metrics) arrive under the scope names a user
 * searches for ({@code io.opentelemetry...}), not under the agent's relocated package: the
 * relocation is an implementation detail that must not show in a backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfTelemetryScopesIT {
  private static final String TEST = "SelfTelemetryScopesIT";
  private static final String SHADED = "dev.vcon.agent.shaded";

  private Path dir;
  private OtlpReceiver receiver;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("self-telemetry-scopes");
    SecurityIt.writeConfig(dir);
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    Files.deleteIfExists(dir.resolve("vcon-agent.properties"));
    Files.deleteIfExists(dir);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void sdkHealthMetricsCarryTheirStandardScopeNames(Protocol protocol) {
    String service = "vcon-it-security-scopes-" + protocol.name();
    OtlpStore store = receiver.store();
    try (JvmProcess jvm =
        SecurityIt.agentHost(
                TEST,
                "scopes-" + protocol.name(),
                StayUpMain.class,
                dir.resolve("vcon-agent.properties"),
                receiver.endpoint(protocol),
                protocol.otelName())
            .env("OTEL_SERVICE_NAME", service)
            .args("scopes-" + protocol.name())
            .start()) {
      // The exporters' own metrics appear once they have exported something themselves.
      store.await(
          SecurityIt.DELIVERY,
          "self-telemetry of the span and metric exporters",
          () ->
              scopes(store, service).stream().filter(s -> !s.equals("vcon-otel-agent")).count()
                  >= 2);
      jvm.writeStdin("quit");
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
    }
    Set<String> scopes = scopes(store, service);
    System.out.println(TEST + " " + protocol + " metric scopes: " + scopes);
    assertThat(scopes).contains("vcon-otel-agent").noneMatch(s -> s.startsWith(SHADED));
    assertThat(scopes.stream().filter(s -> !s.equals("vcon-otel-agent")))
        .allMatch(s -> s.startsWith("io.opentelemetry."));
    assertThat(store.spans().stream().map(SpanRecord::scopeName))
        .noneMatch(s -> s.startsWith(SHADED));
  }

  private static Set<String> scopes(OtlpStore store, String service) {
    return store.metricPoints(p -> service.equals(p.resource().get("service.name"))).stream()
        .map(MetricPoint::scopeName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
