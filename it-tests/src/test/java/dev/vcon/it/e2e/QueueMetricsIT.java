package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.Exemplar;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conserver's queue panels, filled from a scripted run of the sample app under the agent configured
 * by {@code sample-app/vcon-agent.properties}: two producers (sources {@code new} and {@code
 * reingress}) enqueue to two lists, two workers take every vCon, every vCon of one list fails and
 * is dead-lettered. Then, exactly: vCons enqueued per list and source, received per list,
 * dead-lettered per dead-letter list, the dead-letter list's depth as the workers' health check
 * read it; and a processing-time exemplar that leads to its run's root span.
 */
class QueueMetricsIT {
  private static final int WORKERS = 2;
  private static final int GOOD = 6;
  private static final int BAD = 4;

  private static final String ENQUEUED = "conserver.api.count_vcons_enqueued";
  private static final String RECEIVED = "conserver.main_loop.count_vcons_received";
  private static final String DLQ = "conserver.dlq.count";
  private static final String LENGTH = "conserver.ingress_list.length";
  private static final String PROCESSING_TIME = "conserver.main_loop.vcon_processing_time";

  @TempDir Path dir;

  @Test
  void spoolQueueFillsEveryQueuePanelWithExactValues() {
    scenario("QueueMetricsIT-spool", Queue.spool(dir.resolve("spool")));
  }

  @Test
  void redisQueueFillsEveryQueuePanelWithExactValues() throws Exception {
    try (RedisServer redis = RedisServer.startOrSkip(dir.resolve("redis"))) {
      scenario("QueueMetricsIT-redis", Queue.redis(redis.url()));
    }
  }

  private void scenario(String test, Queue queue) {
    Path config =
        E2e.write(
            dir.resolve("queues.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
              fail: {class: dev.vcon.sample.link.FailLink, options: {fraction: 1.0}}
            storages:
              log: {class: dev.vcon.sample.storage.LogStorage}
            chains:
              good_chain:
                links: [tag]
                ingress_lists: [good_in]
                storages: [log]
              bad_chain:
                links: [tag, fail]
                ingress_lists: [bad_in]
                storages: [log]
            """);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      OtlpStore store = receiver.store();
      JvmLauncher launcher = E2e.withVconAgent(E2e.server(test, "server", dir, queue));
      E2e.runArgs(E2e.otlp(launcher, receiver.endpointGrpc(), Protocol.GRPC), config, WORKERS, 2)
          .args("--health-interval", "1");
      try (JvmProcess server = launcher.start()) {
        List<Long> pids = E2e.awaitWorkers(server, WORKERS);
        produce(test, queue, receiver, GOOD, "good_in", "new");
        produce(test, queue, receiver, BAD, "bad_in", "reingress");

        store.await(
            E2e.START,
            "every vCon received and the dead-letter list's depth read by the health check",
            () ->
                sum(store, RECEIVED) == GOOD + BAD
                    && sum(store, DLQ) == BAD
                    && latestLengths(store, "bad_in", "dlq").size() == WORKERS
                    && latestLengths(store, "bad_in", "dlq").values().stream()
                        .allMatch(v -> v == BAD));
        List<Summary> summaries = E2e.stop(server, WORKERS);
        Map<String, Long> totals = E2e.totals(summaries);
        System.out.printf(
            "[%s] workers=%s totals=%s%n  enqueued=%s%n  received=%s%n  dlq=%s%n  lengths=%s%n",
            test,
            pids,
            totals,
            byAttributes(store, ENQUEUED),
            byAttributes(store, RECEIVED),
            byAttributes(store, DLQ),
            latestGauge(store));

        assertThat(totals.get("processed")).isEqualTo(GOOD);
        assertThat(totals.get("failed")).isEqualTo(BAD);
        assertThat(byAttributes(store, ENQUEUED))
            .containsOnly(
                Map.entry(Map.of("ingress_list", "good_in", "source", "new"), (long) GOOD),
                Map.entry(Map.of("ingress_list", "bad_in", "source", "reingress"), (long) BAD));
        assertThat(byAttributes(store, RECEIVED))
            .containsOnly(
                Map.entry(Map.of("ingress_list", "good_in"), (long) GOOD),
                Map.entry(Map.of("ingress_list", "bad_in"), (long) BAD));
        assertThat(byAttributes(store, DLQ))
            .containsOnly(Map.entry(Map.of("queue_name", "DLQ:bad_in"), (long) BAD));
        assertThat(latestLengths(store, "bad_in", "dlq").values()).containsOnly((long) BAD);
        assertThat(latestLengths(store, "good_in", "ingress").values()).containsOnly(0L);
        assertThat(latestLengths(store, "good_in", "dlq").values()).containsOnly(0L);
        assertThat(store.metricPoints(LENGTH))
            .allSatisfy(
                p -> {
                  assertThat(p.type()).isEqualTo(MetricPoint.Type.GAUGE);
                  assertThat(p.unit()).isEqualTo("{vcon}");
                });

        assertExemplarLeadsToItsRoot(store);
        // The failures are the host's own, one line each; from the agent only the notice that
        // selectors matched nothing where a process never loads their classes (the supervisor
        // loads no queue class, the workers no producer).
        assertThat(
                E2e.problemLines(
                    server,
                    l -> l.startsWith("vcon-dead-lettered ") || l.contains(" matched nothing: ")))
            .as("stderr problem lines")
            .isEmpty();
      }
    }
  }

  /** {@code produce} under the agent, so its enqueues are counted, exporting at its exit. */
  private void produce(
      String test, Queue queue, OtlpReceiver receiver, int count, String ingress, String source) {
    JvmLauncher launcher =
        E2e.withVconAgent(
                JvmLauncher.forTest(test, "produce-" + ingress)
                    .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
            .jar(ItJars.sampleApp())
            .args(
                "produce",
                "--count",
                Integer.toString(count),
                "--ingress",
                ingress,
                "--source",
                source,
                "--ids-out",
                dir.resolve("ids-" + ingress + ".txt").toString())
            .workingDir(dir);
    E2e.otlp(launcher, receiver.endpointGrpc(), Protocol.GRPC);
    try (JvmProcess p = queue.applyTo(launcher).start()) {
      assertThat(p.awaitExit(E2e.START)).as("produce\n%s", p.outputTails()).isZero();
      // The producer shares the server's agent settings but never loads the worker's classes: the
      // agent's notice that those selectors matched nothing is expected, nothing else.
      assertThat(E2e.problemLines(p, l -> l.contains(" matched nothing: no class ")))
          .as("produce stderr problem lines")
          .isEmpty();
    }
  }

  /** A processing-time exemplar whose trace and span are a good run's root span. */
  private static void assertExemplarLeadsToItsRoot(OtlpStore store) {
    Map<String, SpanRecord> rootsByTrace =
        store.spans(s -> s.isRoot() && s.name().equals("vcon_processing.good_chain")).stream()
            .collect(Collectors.toMap(SpanRecord::traceId, s -> s, (a, b) -> a));
    assertThat(rootsByTrace).hasSize(GOOD);
    List<Exemplar> exemplars =
        store.metricPoints(PROCESSING_TIME).stream()
            .filter(E2e::ours)
            .filter(p -> "good_chain".equals(p.attributes().get("chain.name")))
            .flatMap(p -> p.histogram().exemplars().stream())
            .collect(Collectors.toList());
    assertThat(exemplars).isNotEmpty();
    for (Exemplar e : exemplars) {
      SpanRecord root = rootsByTrace.get(e.traceId());
      assertThat(root).as("root span of exemplar trace %s", e.traceId()).isNotNull();
      assertThat(e.spanId()).isEqualTo(root.spanId());
    }
  }

  private static long sum(OtlpStore store, String metric) {
    return E2e.latestSum(store, metric);
  }

  /** Point attributes -> the sum over instances of their latest cumulative values. */
  private static Map<Map<String, Object>, Long> byAttributes(OtlpStore store, String metric) {
    Map<Map<String, Object>, Long> sums = new HashMap<>();
    for (MetricPoint p : store.latestCumulativePoints(metric)) {
      if (E2e.ours(p)) {
        sums.merge(p.attributes(), p.value().longValue(), Long::sum);
      }
    }
    return sums;
  }

  /** (instance, attributes) -> the latest value of the queue-length gauge. */
  private static Map<String, Long> latestGauge(OtlpStore store) {
    Map<String, MetricPoint> latest = new HashMap<>();
    for (MetricPoint p : store.metricPoints(LENGTH)) {
      if (E2e.ours(p)) {
        latest.merge(
            p.serviceInstanceId() + " " + p.attributes(),
            p,
            (a, b) -> a.epochNanos() >= b.epochNanos() ? a : b);
      }
    }
    Map<String, Long> values = new HashMap<>();
    latest.forEach((k, p) -> values.put(k, p.value().longValue()));
    return values;
  }

  /** Instance -> its latest gauge value for that list and kind. */
  private static Map<String, Long> latestLengths(OtlpStore store, String list, String kind) {
    Map<String, MetricPoint> latest = new HashMap<>();
    for (MetricPoint p : store.metricPoints(LENGTH)) {
      if (E2e.ours(p)
          && list.equals(p.attributes().get("ingress_list"))
          && kind.equals(p.attributes().get("kind"))
          && p.attributes().keySet().equals(Set.of("ingress_list", "kind"))) {
        latest.merge(p.serviceInstanceId(), p, (a, b) -> a.epochNanos() >= b.epochNanos() ? a : b);
      }
    }
    Map<String, Long> values = new HashMap<>();
    latest.forEach((k, p) -> values.put(k, p.value().longValue()));
    return values;
  }
}
