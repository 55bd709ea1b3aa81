package dev.vcon.it.prestart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.bench.host.BenchHost;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host whose only chain run happens right at start, before the agent's pipeline can be built, and
 * which exits right after it (the benchmark host, configured as a user would through {@code
 * it-tests/bench/bench-agent.properties}). The run must not wait for the pipeline: its spans are
 * recorded before the pipeline exists (they end before the meter provider's start time that every
 * cumulative point carries) and still arrive, with their own start and end times, and the metrics
 * count the run.
 */
class RunsBeforeThePipelineIT {
  private static final Duration EXIT = Duration.ofSeconds(120);

  @Test
  void aRunBeforeThePipelineIsReadyIsRecordedWithItsOwnTimesAndArrivesLater() throws Exception {
    Path hostClasses =
        Path.of(BenchHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path config = hostClasses.resolve("../../bench/bench-agent.properties").normalize();
    assertThat(config).exists();
    long launchedNanos = System.currentTimeMillis() * 1_000_000L;
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess jvm =
            JvmLauncher.forTest("RunsBeforeThePipelineIT", "host")
                .javaagent(ItJars.vconAgent(), config.toString())
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpointGrpc())
                .classpath(hostClasses)
                .mainClass(BenchHost.class.getName())
                .args("threads=1", "runs=1", "rounds=1", "payload=64")
                .start()) {
      assertThat(jvm.awaitExit(EXIT)).as(jvm.outputTails()).isZero();
      long runEndedNanos =
          Long.parseLong(
                  jvm.stdout().lines().stream()
                      .filter(l -> l.startsWith("BENCH "))
                      .findFirst()
                      .orElseThrow()
                      .replaceAll(".*firstRunEndMicros=([0-9]+).*", "$1"))
              * 1_000L;

      OtlpStore store = receiver.store();
      store.await(
          Duration.ofSeconds(30),
          "the run's 5 spans and its processed count",
          () ->
              store.spans().size() >= 5
                  && !store.metricPoints("conserver.main_loop.count_vcons_processed").isEmpty());
      List<SpanRecord> spans = store.spans();
      SpanRecord root =
          spans.stream().filter(s -> s.name().equals("vcon_processing.bench")).findFirst().get();
      assertThat(spans).hasSize(5).allMatch(s -> s.traceId().equals(root.traceId()));
      assertThat(spans)
          .extracting(SpanRecord::name)
          .containsExactlyInAnyOrder(
              "vcon_processing.bench",
              "link.digest-0",
              "link.digest-1",
              "link.digest-2",
              "storage.memory");

      // its own times: within the run as the host saw it (1 ms for the clocks' rounding)
      assertThat(root.startEpochNanos()).isGreaterThan(launchedNanos);
      assertThat(root.endEpochNanos()).isLessThanOrEqualTo(runEndedNanos + 1_000_000L);
      assertThat(root.endEpochNanos()).isGreaterThan(root.startEpochNanos());

      // recorded before the pipeline existed: the meter provider started after the run ended
      MetricPoint processed =
          store.metricPoints("conserver.main_loop.count_vcons_processed").get(0);
      assertThat(processed.startEpochNanos()).isGreaterThan(root.endEpochNanos());
      assertThat(store.latestCumulativePoints("conserver.main_loop.count_vcons_processed"))
          .singleElement()
          .satisfies(p -> assertThat(p.doubleValue()).isEqualTo(1));
      assertThat(store.latestCumulativePoints("conserver.vcons.inflight"))
          .singleElement()
          .satisfies(p -> assertThat(p.doubleValue()).isZero());
      assertThat(jvm.stderr().lines()).noneMatch(l -> l.startsWith("vcon-otel-agent: "));
    }
  }
}
