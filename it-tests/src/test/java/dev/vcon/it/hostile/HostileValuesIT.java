package dev.vcon.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link HostileHostMain} under {@code -Xmx256m}, with and without the agent: forty distinct 10
 * M-char chain names, names with newlines and unpaired surrogates, a getter and {@code toString}s
 * that throw, a 1,000-entry access-ordered context map, a map that fills in defaults, nulls and
 * wrong types. The host's output is the same byte for byte, spans arrive with values cut to the
 * default limit, and metrics keep being exported after the huge names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileValuesIT {

  private static final String HOST = "dev.vcon.it.hostile.HostileHostMain$";
  private static final int HUGE_NAMES = 40;
  private static final int RUNS = HUGE_NAMES + 9;
  private static final int LIMIT = 1000;
  private static final int CARDINALITY = 20;
  private static final Duration EXIT = Duration.ofSeconds(120);

  private OtlpReceiver receiver;
  private JvmProcess plain;
  private JvmProcess agent;
  private OtlpStore store;

  @BeforeAll
  void runTheHostTwice() throws Exception {
    Path dir = Files.createTempDirectory("hostile-values");
    Path config = dir.resolve("hostile.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vcon.agent.chain.methods=" + HOST + "Pipeline#process",
            "vcon.agent.chain.name=arg0",
            "vcon.agent.chain.vcon-id=arg1",
            "vcon.agent.chain.context=arg2",
            "vcon.agent.link.methods=" + HOST + "Step#run",
            "vcon.agent.link.name=arg1.text",
            "vcon.agent.link.vcon-id=arg0",
            ""),
        StandardCharsets.UTF_8);
    receiver = OtlpReceiver.start();

    plain = host("plain").start();
    assertThat(plain.awaitExit(EXIT)).as("plain host\n%s", plain.outputTails()).isZero();

    agent =
        host("agent")
            .javaagent(ItJars.vconAgent(), config.toString())
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(Protocol.HTTP_PROTOBUF))
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", Protocol.HTTP_PROTOBUF.otelName())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_SERVICE_NAME", "vcon-it-hostile")
            // Below the 45 distinct chain names the host passes: the SDK's cap per instrument.
            .env("OTEL_JAVA_METRICS_CARDINALITY_LIMIT", String.valueOf(CARDINALITY))
            .start();
    assertThat(agent.awaitExit(EXIT)).as("agent host\n%s", agent.outputTails()).isZero();
    store = receiver.store();
    store.await(
        Duration.ofSeconds(30), "every run counted as processed", () -> processed() == RUNS);
  }

  /** The JVM the host runs on; Java 17 here, Java 25 in {@link HostileValuesJava25IT}. */
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher;
  }

  private JvmLauncher host(String name) {
    return onJava(JvmLauncher.forTest(getClass().getSimpleName(), name))
        .jvmArgs("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .classpath(ItJars.testClasses())
        .mainClass(HostileHostMain.class.getName())
        .args(String.valueOf(HUGE_NAMES));
  }

  private long processed() {
    return store.latestCumulativePoints("conserver.main_loop.count_vcons_processed").stream()
        .mapToLong(p -> p.value().longValue())
        .sum();
  }

  @AfterAll
  void stop() {
    for (JvmProcess jvm : new JvmProcess[] {plain, agent}) {
      if (jvm != null) {
        jvm.close();
      }
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void theHostsOutputIsByteForByteTheSameWithTheAgent() {
    assertThat(agent.stdout().text()).isEqualTo(plain.stdout().text());
    assertThat(plain.stdout().lines()).contains("done runs=" + RUNS);
  }

  @Test
  void everyRunHasItsSpanWithValuesCutToTheLimit() {
    List<SpanRecord> roots = store.spansByNamePrefix("vcon_processing.");
    assertThat(roots).hasSize(RUNS);
    List<SpanRecord> huge =
        roots.stream().filter(s -> s.name().length() > 500).collect(Collectors.toList());
    assertThat(huge)
        .hasSize(HUGE_NAMES)
        .allSatisfy(
            s -> {
              assertThat(s.name()).hasSize("vcon_processing.".length() + LIMIT);
              assertThat((String) s.attributes().get("chain_name")).hasSize(LIMIT);
            });
    assertThat(roots.stream().map(SpanRecord::name))
        .contains(
            "vcon_processing.two\nlines",
            "vcon_processing.bad\uFFFDname",
            "vcon_processing.unknown",
            "vcon_processing.42",
            "vcon_processing.main");
  }

  @Test
  void metricsAreExportedAfterTheHugeNamesWithBoundedValues() {
    List<MetricPoint> points = store.metricPoints();
    assertThat(points).isNotEmpty();
    assertThat(points)
        .allSatisfy(
            p ->
                p.attributes()
                    .values()
                    .forEach(v -> assertThat(String.valueOf(v)).hasSizeLessThanOrEqualTo(LIMIT)));
    assertThat(processed()).isEqualTo(RUNS);
  }

  @Test
  void attributeSetsPerInstrumentAreCappedWithOneOverflowSeries() {
    List<MetricPoint> processed =
        store.latestCumulativePoints("conserver.main_loop.count_vcons_processed");
    assertThat(processed).hasSizeLessThanOrEqualTo(CARDINALITY);
    assertThat(processed)
        .filteredOn(p -> Boolean.TRUE.equals(p.attributes().get("otel.metric.overflow")))
        .hasSize(1);
  }

  @Test
  void theAgentSaysEachProblemOnOneLineAndNoStackTraceReachesTheHost() {
    List<String> stderr = agent.stderr().lines();
    assertThat(stderr)
        .noneMatch(
            l -> l.startsWith("\tat ") || l.startsWith("Exception in") || l.startsWith("Caused"));
    assertThat(stderr)
        .filteredOn(l -> !l.isBlank())
        .allMatch(l -> l.startsWith("vcon-otel-agent"), "every stderr line is one of ours");
    assertThat(stderr.stream().filter(l -> l.contains("'arg1.text'")))
        .hasSize(1)
        .allMatch(l -> l.contains("label\\nunavailable") && l.length() <= 420);
  }
}
