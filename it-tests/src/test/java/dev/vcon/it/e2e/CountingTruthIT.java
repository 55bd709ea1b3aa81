package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics tell the truth: after a run with successes, failures, halts and a storage that fails
 * every write, the final cumulative counters summed over the worker instances equal the counts the
 * workers themselves print at exit, exactly. Queue: Redis, as conserver.
 */
class CountingTruthIT {
  private static final int COUNT = 60;
  private static final int WORKERS = 2;

  @TempDir Path dir;

  @Test
  void finalCountersSummedOverInstancesEqualTheWorkersOwnCounts() throws Exception {
    String test = "CountingTruthIT";
    Path broken = dir.resolve("broken-storage");
    Path config =
        E2e.write(
            dir.resolve("counting.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink, options: {tags: ["team:e2e"]}}
              redact: {class: dev.vcon.sample.link.RedactLink, options: {keep_last: 4}}
              flaky: {class: dev.vcon.sample.link.FailLink, options: {fraction: 0.15}}
              filter: {class: dev.vcon.sample.link.HaltLink, options: {uuid_pattern: "[0-3]$"}}
              slow: {class: dev.vcon.sample.link.DelayLink, options: {ms: 20}}
            storages:
              file: {class: dev.vcon.sample.storage.FileStorage, options: {path: "%s"}}
              log: {class: dev.vcon.sample.storage.LogStorage}
              broken: {class: dev.vcon.sample.storage.FileStorage, options: {path: "%s"}}
            chains:
              counting_chain:
                links: [tag, redact, flaky, filter, slow]
                ingress_lists: [counting_in]
                storages: [file, log, broken]
                egress_lists: [counting_out]
            """
                .formatted(dir.resolve("stored"), broken));
    try (RedisServer redis = RedisServer.startOrSkip(dir.resolve("redis"));
        OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess server =
            E2e.startServer(
                test,
                dir,
                Queue.redis(redis.url()),
                config,
                WORKERS,
                4,
                receiver.endpointGrpc(),
                Protocol.GRPC)) {
      OtlpStore store = receiver.store();
      List<Long> pids = E2e.awaitWorkers(server, WORKERS);
      // The file storage creates its folder at its first write (and refuses a file at start-up):
      // a regular file put in its place once the workers run makes every write fail.
      Files.deleteIfExists(broken);
      Files.writeString(broken, "not a folder");

      E2e.produce(test, dir, Queue.redis(redis.url()), COUNT, "counting_in", true);
      store.await(
          Duration.ofSeconds(120),
          "processed + failed = " + COUNT + " in our metrics",
          () -> E2e.latestSum(store, E2e.PROCESSED) + E2e.latestSum(store, E2e.FAILED) == COUNT);

      List<Summary> summaries = E2e.stop(server, WORKERS);
      Map<String, Long> fromSummaries = E2e.comparableTotals(summaries);
      Map<String, Long> fromMetrics = E2e.metricTotals(store);
      System.out.printf(
          "[%s] workers=%s instances=%s summaries=%s%n  summary totals=%s%n  metric totals=%s%n",
          test, pids, store.serviceInstanceIds(), summaries, E2e.totals(summaries), fromMetrics);

      assertThat(summaries).extracting(Summary::pid).containsExactlyInAnyOrderElementsOf(pids);
      assertThat(fromMetrics)
          .as("final cumulative metrics vs summary lines")
          .isEqualTo(fromSummaries);
      // The scenario did exercise every outcome.
      Map<String, Long> t = E2e.totals(summaries);
      assertThat(t.get("processed") + t.get("failed")).isEqualTo(COUNT);
      assertThat(t.get("failed")).isPositive();
      assertThat(t.get("halted")).isPositive();
      assertThat(t.get("link_halt")).isEqualTo(t.get("halted"));
      assertThat(t.get("storage_failed")).isPositive();
      // Per instance too: each worker's own counters match its own line.
      for (Summary s : summaries) {
        String id = E2e.instanceId(s.pid());
        assertThat(E2e.latestSum(store, E2e.PROCESSED, p -> id.equals(p.serviceInstanceId())))
            .as("processed of %s", id)
            .isEqualTo(s.get("processed"));
        assertThat(E2e.latestSum(store, E2e.FAILED, p -> id.equals(p.serviceInstanceId())))
            .as("failed of %s", id)
            .isEqualTo(s.get("failed"));
      }
      // Storage outcomes by backend: the broken one only failed, the others only succeeded.
      assertThat(E2e.latestSum(store, E2e.STORAGE_COUNT, E2e.attr("outcome", "error")))
          .isEqualTo(E2e.latestSum(store, E2e.STORAGE_COUNT, E2e.attr("backend", "broken")));
      assertThat(E2e.inflightPeaks(store).keySet()).hasSize(WORKERS);
      assertThat(E2e.latestInflight(store).values()).containsOnly(0L);
    }
  }
}
