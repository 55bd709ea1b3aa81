package dev.vcon.it.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import dev.vcon.it.shapes.host.RunShapesMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chain runs that can never end, or end oddly, in hosts nobody would write on purpose ({@link
 * RunShapesMain}): the host behaves exactly as without the agent, its exit is not held, and every
 * run it started is ended in the in-flight gauge by the last export.
 *
 * <p>No timed assertion: the agent's drain timeout is set to {@value #DRAIN} while this test waits
 * at most {@link #EXIT_BOUND} for the host to exit. An agent that waited for a run that can never
 * end would hold the exit for the whole drain timeout and fail the wait, however slow the machine;
 * an agent that does not wait exits within its flush timeout. The exit times with and without the
 * agent are printed as figures.
 */
class RunShapesIT {
  static final String DRAIN = "60s";
  static final Duration EXIT_BOUND = Duration.ofSeconds(30);
  static final Duration DELIVERY = Duration.ofSeconds(30);
  static final String INFLIGHT = "conserver.vcons.inflight";

  @Test
  void systemExitInsideARunDoesNotHoldTheExitAndTheRunLeavesTheGauge(@TempDir Path dir)
      throws Exception {
    Scenario run = Scenario.run(dir, "exit-inside-run");
    run.store.await(
        DELIVERY,
        "an in-flight point",
        () -> !run.store.latestCumulativePoints(INFLIGHT).isEmpty());
    assertThat(inflight(run.store)).as("in flight at the last export").isZero();
    SpanRecord root = onlyRoot(run.store, "exit-1");
    assertThat(root.statusCode()).as("a run that never returned").isEqualTo("ERROR");
    assertThat(root.statusMessage()).contains("did not return");
  }

  @Test
  void aDaemonThreadParkedInARunDoesNotHoldTheExit(@TempDir Path dir) throws Exception {
    Scenario run = Scenario.run(dir, "daemon-parked");
    run.store.await(
        DELIVERY,
        "an in-flight point",
        () -> !run.store.latestCumulativePoints(INFLIGHT).isEmpty());
    assertThat(inflight(run.store)).as("in flight at the last export").isZero();
    onlyRoot(run.store, "daemon-1");
  }

  @Test
  void aChainCallingItselfForOtherVconsRecordsEachRun(@TempDir Path dir) throws Exception {
    Scenario run = Scenario.run(dir, "recursion");
    run.store.await(DELIVERY, "7 chain roots", () -> roots(run.store).size() == 7);
    for (int i = 0; i < 7; i++) {
      SpanRecord root = onlyRoot(run.store, "rec-" + i);
      assertThat(root.isRoot()).isTrue();
      assertThat(root.statusCode()).isNotEqualTo("ERROR");
    }
    run.store.await(
        DELIVERY,
        "7 processed",
        () -> sum(run.store, "conserver.main_loop.count_vcons_processed") == 7);
    assertThat(inflight(run.store)).isZero();
  }

  @Test
  void aStackOverflowThroughChainRunsPrintsNothingAndEndsEveryRun(@TempDir Path dir)
      throws Exception {
    assertOverflowPrintsNothingAndEndsEveryRun(Scenario.run(dir, "stack-overflow", false));
  }

  @Test
  void onJava25AStackOverflowThroughChainRunsPrintsNothingAndEndsEveryRun(@TempDir Path dir)
      throws Exception {
    assertOverflowPrintsNothingAndEndsEveryRun(Scenario.run(dir, "stack-overflow", true));
  }

  private static void assertOverflowPrintsNothingAndEndsEveryRun(Scenario run) {
    assertThat(run.agent.stderr().lines())
        .as("no JVM assertion lines (classes loaded on an exhausted stack)")
        .noneMatch(l -> l.contains("ASSERTION FAILED"));
    run.store.await(
        DELIVERY,
        "the run after the overflow",
        () -> run.store.spans(s -> "after-1".equals(s.attributes().get("vcon_id"))).size() == 1);
    run.store.await(
        DELIVERY,
        "in flight back to zero",
        () -> !run.store.latestCumulativePoints(INFLIGHT).isEmpty() && inflight(run.store) == 0);
    assertThat(inflight(run.store)).isZero();
  }

  /** One host scenario run without, then with the agent; both must exit within the bound. */
  static final class Scenario {
    final JvmProcess agent;
    final OtlpStore store;

    private Scenario(JvmProcess agent, OtlpStore store) {
      this.agent = agent;
      this.store = store;
    }

    static Scenario run(Path dir, String scenario) throws IOException {
      return run(dir, scenario, false);
    }

    /** On Java 25 when {@code java25}, both runs (without and with the agent); else Java 17. */
    static Scenario run(Path dir, String scenario, boolean java25) throws IOException {
      Path config = dir.resolve("shapes-agent.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "# a host's own configuration: its chain method, a constant name, the id argument",
              "vcon.agent.chain.methods=dev.vcon.it.shapes.host.Job#process",
              "vcon.agent.chain.name='shapes'",
              "vcon.agent.chain.vcon-id=arg0",
              "vcon.agent.drain.timeout=" + DRAIN,
              ""),
          StandardCharsets.UTF_8);
      List<String> plain;
      long plainNanos;
      try (JvmProcess jvm = host(scenario, "plain-" + scenario, java25).start()) {
        long start = System.nanoTime();
        assertThat(jvm.awaitExit(EXIT_BOUND)).as("exit code without agent").isZero();
        plainNanos = System.nanoTime() - start;
        plain = jvm.stdout().lines();
      }
      OtlpReceiver receiver = OtlpReceiver.start();
      JvmProcess jvm =
          host(scenario, "agent-" + scenario, java25)
              .javaagent(ItJars.vconAgent(), config.toString())
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(Protocol.HTTP_PROTOBUF))
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", Protocol.HTTP_PROTOBUF.otelName())
              .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
              .env("OTEL_BSP_SCHEDULE_DELAY", "100")
              .env("OTEL_SERVICE_NAME", "vcon-it-shapes")
              .start();
      try {
        long start = System.nanoTime();
        assertThat(jvm.awaitExit(EXIT_BOUND))
            .as(
                "exit code with agent (a wait for the %s drain timeout fails this bound)\n%s",
                DRAIN, jvm.outputTails())
            .isZero();
        long agentNanos = System.nanoTime() - start;
        System.out.printf(
            "figure %s: exit after %d ms without the agent, %d ms with it (drain timeout %s)%n",
            scenario, plainNanos / 1_000_000, agentNanos / 1_000_000, DRAIN);
        assertThat(jvm.stdout().lines()).as("the host's stdout").isEqualTo(plain);
        return new Scenario(jvm, receiver.store());
      } finally {
        jvm.close();
        receiver.close(); // the exit flush has delivered everything by now
      }
    }

    private static JvmLauncher host(String scenario, String name, boolean java25) {
      JvmLauncher launcher = JvmLauncher.forTest("RunShapesIT", name + (java25 ? "-java25" : ""));
      return (java25 ? launcher.java25() : launcher)
          .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
          // The overflow on a small stack: its nested runs (about one per kilobyte) stay within
          // the pre-start buffer's bound, so the run after it is kept whether or not the pipeline
          // is up by then (past the bound, runs are dropped and counted: another behaviour).
          .jvmArgs("stack-overflow".equals(scenario) ? "-Xss256k" : "-Xss1m")
          .classpath(ItJars.testClasses())
          .mainClass(RunShapesMain.class.getName())
          .args(scenario);
    }
  }

  static List<SpanRecord> roots(OtlpStore store) {
    return store.spans(s -> s.name().startsWith("vcon_processing."));
  }

  static SpanRecord onlyRoot(OtlpStore store, String vconId) {
    List<SpanRecord> found =
        roots(store).stream()
            .filter(s -> vconId.equals(s.attributes().get("vcon_id")))
            .collect(Collectors.toList());
    assertThat(found).as("chain roots of %s", vconId).hasSize(1);
    return found.get(0);
  }

  static long inflight(OtlpStore store) {
    return sum(store, INFLIGHT);
  }

  static long sum(OtlpStore store, String metric) {
    long total = 0;
    for (MetricPoint p : store.latestCumulativePoints(metric)) {
      total += p.value().longValue();
    }
    return total;
  }
}
