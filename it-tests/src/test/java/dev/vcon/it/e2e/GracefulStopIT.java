package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the supervisor while every worker holds vCons in a delay link: the workers finish
 * them, print their summary, and each worker's final export (after the signal) brings the counters
 * to exactly the printed counts and inflight back to 0.
 */
class GracefulStopIT {
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 8;
  private static final int COUNT = 48;
  private static final int HOLD_MS = 4000;

  @TempDir Path dir;

  @Test
  void sigtermDuringWorkInFlightEndsWithAFinalExportMatchingTheSummaries() {
    String test = "GracefulStopIT";
    Queue queue = Queue.spool(dir.resolve("spool"));
    Path config =
        E2e.write(
            dir.resolve("stop.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
              hold: {class: dev.vcon.sample.link.DelayLink, options: {ms: %d}}
              filter: {class: dev.vcon.sample.link.HaltLink, options: {uuid_pattern: "[0-3]$"}}
            storages:
              log: {class: dev.vcon.sample.storage.LogStorage}
            chains:
              stop_chain:
                links: [tag, hold, filter]
                ingress_lists: [stop_in]
                storages: [log]
            """
                .formatted(HOLD_MS));
    E2e.produce(test, dir, queue, COUNT, "stop_in", false);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess server =
            E2e.startServer(
                test,
                dir,
                queue,
                config,
                WORKERS,
                CONCURRENCY,
                receiver.endpointGrpc(),
                Protocol.GRPC)) {
      OtlpStore store = receiver.store();
      List<Long> pids = E2e.awaitWorkers(server, WORKERS);
      Set<String> ids = pids.stream().map(E2e::instanceId).collect(Collectors.toSet());
      store.await(
          Duration.ofSeconds(120),
          "both workers reporting vCons in flight",
          () -> {
            Map<String, Long> latest = E2e.latestInflight(store);
            return latest.keySet().equals(ids) && latest.values().stream().allMatch(v -> v > 0);
          });
      Map<String, Long> inflightAtTerm = E2e.latestInflight(store);
      long processedAtTerm = E2e.latestSum(store, E2e.PROCESSED);
      Instant term = Instant.now();

      List<Summary> summaries = E2e.stop(server, WORKERS);

      Map<String, Long> fromMetrics = E2e.metricTotals(store);
      Map<String, Long> fromSummaries = E2e.comparableTotals(summaries);
      System.out.printf(
          "[%s] workers=%s inflight at SIGTERM=%s processed at SIGTERM=%d final inflight=%s%n"
              + "  summary totals=%s%n  metric totals=%s%n",
          test,
          pids,
          inflightAtTerm,
          processedAtTerm,
          E2e.latestInflight(store),
          E2e.totals(summaries),
          fromMetrics);

      assertThat(summaries).extracting(Summary::pid).containsExactlyInAnyOrderElementsOf(pids);
      assertThat(fromMetrics)
          .as("final cumulative metrics vs summary lines")
          .isEqualTo(fromSummaries);
      // The runs in flight at SIGTERM were finished, not dropped: more processed than before.
      long inflightTotal = inflightAtTerm.values().stream().mapToLong(Long::longValue).sum();
      assertThat(E2e.totals(summaries).get("processed") + E2e.totals(summaries).get("failed"))
          .isGreaterThanOrEqualTo(processedAtTerm + inflightTotal);
      assertThat(E2e.latestInflight(store)).as("final inflight per instance").containsOnlyKeys(ids);
      assertThat(E2e.latestInflight(store).values()).containsOnly(0L);
      // Each worker's final export came after the signal.
      for (String id : ids) {
        List<MetricPoint> after =
            store.metricPoints(
                p ->
                    E2e.ours(p)
                        && id.equals(p.serviceInstanceId())
                        && p.arrival().time().isAfter(term));
        assertThat(after).as("exports of %s after SIGTERM", id).isNotEmpty();
      }
      // And the spans of the finished runs were flushed too.
      store.await(
          Duration.ofSeconds(10),
          "a root span per run",
          () ->
              store.spansByNamePrefix("vcon_processing.").size()
                  == E2e.totals(summaries).get("processed") + E2e.totals(summaries).get("failed"));
    }
  }
}
