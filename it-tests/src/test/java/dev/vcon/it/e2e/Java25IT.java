package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Produced;
import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity and traces scenario, smaller, with the sample app and its workers on Java 25. */
class Java25IT {
  private static final int WORKERS = 2;

  @TempDir Path dir;

  @Test
  void identityTracesAndCountsOnJava25() throws Exception {
    String test = "Java25IT";
    Path java25 = ItJars.java25();
    Queue queue = Queue.spool(dir.resolve("spool"));
    Path broken = dir.resolve("broken-storage");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      JvmLauncher launcher = E2e.withVconAgent(E2e.server(test, "server", dir, queue).java(java25));
      try (JvmProcess server =
          E2e.runArgs(
                  E2e.otlp(launcher, receiver.endpointGrpc(), Protocol.GRPC),
                  TracesIT.config(dir, broken),
                  WORKERS,
                  4)
              .start()) {
        OtlpStore store = receiver.store();
        List<Long> pids = E2e.awaitWorkers(server, WORKERS);
        for (long pid : pids) {
          assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()))
              .as("java binary of worker %d", pid)
              .hasValue(java25.toRealPath().toString());
        }
        Files.deleteIfExists(broken);
        Files.writeString(broken, "not a folder");
        Map<String, List<Produced>> byChain = new LinkedHashMap<>();
        for (String chain : List.of("serial", "parallel")) {
          List<Produced> produced = new ArrayList<>();
          produced.addAll(E2e.produce(test, dir, queue, 4, chain + "_in", true));
          produced.addAll(E2e.produce(test, dir, queue, 4, chain + "_in", false));
          byChain.put(chain + "_chain", produced);
        }
        int total = byChain.values().stream().mapToInt(List::size).sum();
        store.await(
            Duration.ofSeconds(120),
            total + " chain runs counted",
            () -> E2e.latestSum(store, E2e.PROCESSED) + E2e.latestSum(store, E2e.FAILED) == total);
        List<Summary> summaries = E2e.stop(server, WORKERS);
        store.await(
            Duration.ofSeconds(30),
            total + " root spans",
            () -> store.spansByNamePrefix("vcon_processing.").size() >= total);

        Set<String> ids =
            pids.stream().map(E2e::instanceId).collect(Collectors.toCollection(TreeSet::new));
        TracesIT.Report r = TracesIT.checkTraces(store, byChain, ids);
        Map<String, Long> metrics = E2e.metricTotals(store);
        System.out.printf(
            "[%s] java=%s workers=%s instance ids=%s roots=%d linked=%d link spans=%d storage"
                + " spans=%d summary totals=%s metric totals=%s%n",
            test,
            java25,
            pids,
            store.serviceInstanceIds(),
            r.roots,
            r.linkedRoots,
            r.linkSpans,
            r.storageSpans,
            E2e.totals(summaries),
            metrics);

        // A worker that got no vCon (the queue may hand all of a small batch to one) records
        // nothing and so exports nothing; every worker that did work is there under its own id.
        Set<String> busy =
            summaries.stream()
                .filter(s -> s.counts().get("processed") + s.counts().get("failed") > 0)
                .map(s -> E2e.instanceId(s.pid()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(busy).isNotEmpty();
        assertThat(store.serviceInstanceIds()).isSubsetOf(ids).containsAll(busy);
        assertThat(store.resources())
            .allSatisfy(
                res -> assertThat(res).containsEntry("telemetry.distro.name", "vcon-otel-agent"));
        assertThat(r.linkedRoots).isEqualTo(8);
        assertThat(metrics).isEqualTo(E2e.comparableTotals(summaries));
        assertThat(E2e.latestInflight(store).values()).containsOnly(0L);
      }
    }
  }
}
