package dev.vcon.it.chain;

import static dev.vcon.it.chain.ChainIt.attr;
import static dev.vcon.it.chain.ChainIt.totals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.chain.host.ChainHostMain;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scenario of {@link ChainHostMain} with export intervals of an hour, so nothing is exported on
 * schedule: whatever arrives was flushed at the host's normal exit. What arrives includes the
 * agent's report about itself: its advice errors per role and the SDK's health metrics under their
 * standard names, so a backend alone shows whether the agent is losing data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExitFlushAndSelfTelemetryIT {
  private static final String HOUR_MS = "3600000";

  private Path dir;
  private OtlpReceiver receiver;
  private JvmProcess jvm;
  private OtlpStore store;

  @BeforeAll
  void runOnceAndExit() throws Exception {
    dir = Files.createTempDirectory("exit-flush");
    Path config = ChainIt.writeConfig(dir);
    receiver = OtlpReceiver.start();
    jvm =
        ChainIt.agentJvm(
                "ExitFlushAndSelfTelemetryIT", "exit-flush", config, receiver, Protocol.GRPC)
            .env("OTEL_METRIC_EXPORT_INTERVAL", HOUR_MS)
            .env("OTEL_BSP_SCHEDULE_DELAY", HOUR_MS)
            .classpath(ItJars.testClasses())
            .mainClass(ChainHostMain.class.getName())
            .start();
    ChainIt.awaitCleanExit(jvm, ChainScenarioBase.HOST_CHECKS);
    store = receiver.store();
    // The process is gone: what the receiver has now is all it will ever get.
  }

  @AfterAll
  void stop() throws Exception {
    if (jvm != null) {
      jvm.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("vcon-agent.properties"));
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void aNormalExitFlushesTheLastIntervalsCountersExactly() {
    assertThat(
            totals(store, "conserver.main_loop.count_vcons_processed", p -> attr(p, "chain.name")))
        .isEqualTo(ChainScenarioBase.PROCESSED);
    assertThat(totals(store, "conserver.main_loop.count_vcons_failed", p -> attr(p, "chain.name")))
        .isEqualTo(ChainScenarioBase.FAILED);
    assertThat(
            totals(
                store,
                "conserver.storage.count",
                p -> attr(p, "backend") + "/" + attr(p, "outcome")))
        .isEqualTo(ChainScenarioBase.STORAGE);
  }

  @Test
  void aNormalExitFlushesTheLastSpans() {
    long runs =
        ChainScenarioBase.PROCESSED.values().stream().mapToLong(Long::longValue).sum()
            + ChainScenarioBase.FAILED.values().stream().mapToLong(Long::longValue).sum();
    assertThat(store.spansByNamePrefix("vcon_processing.")).hasSize((int) runs);
  }

  @Test
  void adviceErrorsArriveAsACounterPerRoleMatchingTheProblemLines() {
    Map<String, Long> byRole = totals(store, "vcon.agent.advice.errors", p -> attr(p, "role"));
    assertThat(byRole).containsKeys("chain", "link", "storage");
    for (String role : List.of("chain", "link", "storage")) {
      boolean reported =
          ChainIt.agentProblems(jvm).stream()
              .anyMatch(l -> l.contains("internal error while recording a " + role + " call"));
      if (reported) {
        assertThat(byRole.get(role)).as("%s errors", role).isPositive();
      } else {
        assertThat(byRole.get(role)).as("%s errors", role).isZero();
      }
    }
  }

  @Test
  void theSdksHealthMetricsArriveUnderTheirStandardNames() {
    assertThat(store.metricNames())
        .contains(
            "otel.sdk.processor.span.processed",
            "otel.sdk.processor.span.queue.capacity",
            "otel.sdk.span.started");
    // The default bounded queue of the batch span processor (otel.bsp.max.queue.size).
    assertThat(
            store.latestCumulativePoints("otel.sdk.processor.span.queue.capacity").stream()
                .map(MetricPoint::value)
                .map(Number::longValue)
                .collect(Collectors.toList()))
        .containsOnly(2048L);
    assertThat(
            store.latestCumulativePoints("otel.sdk.processor.span.processed").stream()
                .filter(p -> "queue_full".equals(p.attributes().get("error.type")))
                .mapToLong(p -> p.value().longValue())
                .sum())
        .as("nothing dropped in a small run")
        .isZero();
  }

  /**
   * Fails at the time of writing: the exit flush flushes the tracer and meter providers at the same
   * time ({@code Telemetry.flush}), so the final metric collection runs before the last span export
   * has recorded {@code otel.sdk.exporter.span.exported}; with hour-long intervals it never
   * arrives. Flushing spans first, then metrics, would fix it (the exit path belongs to issue 10).
   */
  @Test
  void theLastSpanExportsOwnHealthIsInTheFinalMetricExport() {
    long spans = store.spansByNamePrefix("").size();
    assertThat(
            store.latestCumulativePoints("otel.sdk.exporter.span.exported").stream()
                .mapToLong(p -> p.value().longValue())
                .sum())
        .as("spans the exporter reports as exported")
        .isEqualTo(spans);
  }
}
