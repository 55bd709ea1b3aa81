package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two worker processes of 128 threads each, every vCon held by a delay link for several export
 * intervals: each worker is its own OpenTelemetry instance ({@code <host>-pid-<pid>}), and the
 * inflight gauge adds up across instances (128 + 128 = 256), as the conserver dashboards expect.
 */
class WorkerIdentityIT {
  private static final int WORKERS = 2;
  private static final int CONCURRENCY = 128;

  /** Three batches of 128: whatever the start-up skew, both workers are full at the same time. */
  private static final int COUNT = 384;

  private static final int HOLD_MS = 3500;

  @TempDir Path dir;

  static Path config(Path dir, int holdMs) {
    return E2e.write(
        dir.resolve("identity.yml"),
        """
        links:
          tag: {class: dev.vcon.sample.link.TagLink}
          hold: {class: dev.vcon.sample.link.DelayLink, options: {ms: %d}}
        storages:
          log: {class: dev.vcon.sample.storage.LogStorage}
        chains:
          identity_chain:
            links: [tag, hold]
            ingress_lists: [identity_in]
            storages: [log]
        """
            .formatted(holdMs));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void eachWorkerIsItsOwnInstanceAndInflightAddsUpAcrossThem(Protocol protocol) {
    String test = "WorkerIdentityIT." + protocol;
    Queue queue = Queue.spool(dir.resolve("spool"));
    E2e.produce(test, dir, queue, COUNT, "identity_in", false);
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess server =
            E2e.startServer(
                test,
                dir,
                queue,
                config(dir, HOLD_MS),
                WORKERS,
                CONCURRENCY,
                receiver.endpoint(protocol),
                protocol)) {
      OtlpStore store = receiver.store();
      List<Long> pids = E2e.awaitWorkers(server, WORKERS);
      assertThat(server.handle().descendants().map(ProcessHandle::pid).collect(Collectors.toList()))
          .as("the worker pids are real child processes of the server")
          .containsAll(pids);
      Set<String> expectedIds =
          pids.stream().map(E2e::instanceId).collect(Collectors.toCollection(TreeSet::new));

      store.await(
          Duration.ofSeconds(180),
          "all " + COUNT + " vCons counted as processed and inflight back to 0 on both instances",
          () ->
              E2e.latestSum(store, E2e.PROCESSED) == COUNT
                  && E2e.latestInflight(store).keySet().equals(expectedIds)
                  && E2e.latestInflight(store).values().stream().allMatch(v -> v == 0));

      List<Summary> summaries = E2e.stop(server, WORKERS);
      Map<String, Long> peaks = E2e.inflightPeaks(store);
      long peakSum =
          E2e.peakSumInOneRound(
              store, Duration.ofMillis(2L * Integer.parseInt(E2e.METRIC_INTERVAL_MS)));
      System.out.printf(
          "[%s] workers=%s instance ids=%s inflight peaks=%s peak sum in one round=%d final"
              + " inflight=%s summaries=%s metric totals=%s%n",
          test,
          pids,
          store.serviceInstanceIds(),
          peaks,
          peakSum,
          E2e.latestInflight(store),
          E2e.totals(summaries),
          E2e.metricTotals(store));

      assertThat(summaries).extracting(Summary::pid).containsExactlyInAnyOrderElementsOf(pids);
      for (String id : expectedIds) {
        assertThat(server.stderr().lines())
            .as("start line of %s", id)
            .anyMatch(
                l ->
                    l.matches("vcon-otel-agent \\S+ started: service\\.instance\\.id=" + id + " .*")
                        && l.contains("protocol=" + protocol.otelName()));
      }
      assertThat(E2e.totals(summaries).get("processed")).isEqualTo(COUNT);
      // Exactly the two workers: the supervisor runs no chain and the receiver saw no other id.
      assertThat(store.serviceInstanceIds()).as(store.summary()).isEqualTo(expectedIds);
      for (Map<String, Object> resource : store.resources()) {
        String id = (String) resource.get("service.instance.id");
        long pid = ((Number) resource.get("process.pid")).longValue();
        assertThat(id).isEqualTo(E2e.instanceId(pid));
        assertThat(resource)
            .containsEntry("host.name", E2e.hostName())
            .containsEntry("telemetry.distro.name", "vcon-otel-agent");
      }
      assertThat(peaks)
          .as("inflight peak per instance")
          .isEqualTo(
              Map.of(
                  E2e.instanceId(pids.get(0)),
                  (long) CONCURRENCY,
                  E2e.instanceId(pids.get(1)),
                  (long) CONCURRENCY));
      assertThat(peakSum)
          .as("inflight summed over instances within one export round")
          .isEqualTo(2L * CONCURRENCY);
      // After the exit flush too, every series ends at 0.
      assertThat(store.latestCumulativePoints(E2e.INFLIGHT))
          .filteredOn(E2e::ours)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.value().longValue()).as(p.toString()).isZero());
    }
  }

  /**
   * The same run with only the official OpenTelemetry agent: what identity does it give each
   * worker? Only the stable part is asserted (one distinct resource per worker process); the rest
   * is printed for the report.
   */
  @Test
  void officialAgentAloneGivesEachWorkerItsOwnResource() {
    String test = "WorkerIdentityIT.officialAgentOnly";
    Queue queue = Queue.spool(dir.resolve("spool"));
    E2e.produce(test, dir, queue, 64, "identity_in", false);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      JvmLauncher launcher =
          E2e.server(test, "server", dir, queue)
              .javaagent(ItJars.officialAgent())
              .env("OTEL_SERVICE_NAME", "vcon-sample-official-only")
              .env("OTEL_LOGS_EXPORTER", "none");
      try (JvmProcess server =
          E2e.runArgs(
                  E2e.otlp(launcher, receiver.endpointHttp(), Protocol.HTTP_PROTOBUF),
                  config(dir, 200),
                  WORKERS,
                  CONCURRENCY)
              .start()) {
        OtlpStore store = receiver.store();
        List<Long> pids = E2e.awaitWorkers(server, WORKERS);
        store.await(
            Duration.ofSeconds(180),
            "metrics from both worker pids " + pids,
            () -> pids.stream().allMatch(pid -> !resourcesOf(store, pid).isEmpty()));
        E2e.stop(server, WORKERS);

        Map<Long, List<Map<String, Object>>> byPid = new LinkedHashMap<>();
        byPid.put(server.pid(), resourcesOf(store, server.pid()));
        for (long pid : pids) {
          byPid.put(pid, resourcesOf(store, pid));
        }
        byPid.forEach(
            (pid, resources) ->
                System.out.printf(
                    "[%s] %s pid=%d: %d resource(s), service.instance.id=%s service.name=%s%n",
                    test,
                    pid == server.pid() ? "supervisor" : "worker",
                    pid,
                    resources.size(),
                    resources.stream()
                        .map(r -> r.get("service.instance.id"))
                        .collect(Collectors.toList()),
                    resources.stream()
                        .map(r -> r.get("service.name"))
                        .distinct()
                        .collect(Collectors.toList())));
        System.out.printf(
            "[%s] all service.instance.id values: %s%n", test, store.serviceInstanceIds());

        List<Map<String, Object>> w1 = byPid.get(pids.get(0));
        List<Map<String, Object>> w2 = byPid.get(pids.get(1));
        assertThat(w1).hasSize(1);
        assertThat(w2).hasSize(1);
        assertThat(w1.get(0)).isNotEqualTo(w2.get(0));
      }
    }
  }

  private static List<Map<String, Object>> resourcesOf(OtlpStore store, long pid) {
    return store.metricPoints().stream()
        .map(MetricPoint::resource)
        .filter(r -> r.get("process.pid") instanceof Number n && n.longValue() == pid)
        .distinct()
        .collect(Collectors.toList());
  }
}
