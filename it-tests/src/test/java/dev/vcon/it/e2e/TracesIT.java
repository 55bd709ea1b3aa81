package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Produced;
import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace per chain run: a parentless {@code vcon_processing.<chain>} root per vCon, linked to
 * exactly the producer's context when there was one; every link and storage span of the vCon in
 * that trace under that root (also with parallel storages, written on executor threads); failures
 * carry ERROR and an {@code exception} event.
 */
class TracesIT {
  static final int PER_LIST_WITH_CONTEXT = 10;
  static final int PER_LIST_WITHOUT = 10;
  static final List<String> LINKS = List.of("tag", "redact", "flaky", "filter");
  static final List<String> STORAGES = List.of("file", "log", "broken");

  @TempDir Path dir;

  static Path config(Path dir, Path broken) {
    return E2e.write(
        dir.resolve("traces.yml"),
        """
        links:
          tag: {class: dev.vcon.sample.link.TagLink}
          redact: {class: dev.vcon.sample.link.RedactLink}
          flaky: {class: dev.vcon.sample.link.FailLink, options: {fraction: 0.2}}
          filter: {class: dev.vcon.sample.link.HaltLink, options: {uuid_pattern: "[0-2]$"}}
        storages:
          file: {class: dev.vcon.sample.storage.FileStorage, options: {path: "%s"}}
          log: {class: dev.vcon.sample.storage.LogStorage}
          broken: {class: dev.vcon.sample.storage.FileStorage, options: {path: "%s"}}
        chains:
          serial_chain:
            links: [tag, redact, flaky, filter]
            ingress_lists: [serial_in]
            storages: [file, log, broken]
          parallel_chain:
            links: [tag, redact, flaky, filter]
            ingress_lists: [parallel_in]
            storages: [file, log, broken]
            parallel_storages: true
        """
            .formatted(dir.resolve("stored"), broken));
  }

  @Test
  void oneLinkedTracePerVconWithEveryLinkAndStorageSpanUnderItsRoot() throws Exception {
    String test = "TracesIT";
    Path broken = dir.resolve("broken-storage");
    try (RedisServer redis = RedisServer.startOrSkip(dir.resolve("redis"));
        OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess server =
            E2e.startServer(
                test,
                dir,
                Queue.redis(redis.url()),
                config(dir, broken),
                2,
                4,
                receiver.endpointHttp(),
                Protocol.HTTP_PROTOBUF)) {
      OtlpStore store = receiver.store();
      List<Long> pids = E2e.awaitWorkers(server, 2);
      Files.deleteIfExists(broken);
      Files.writeString(broken, "not a folder");

      Queue queue = Queue.redis(redis.url());
      Map<String, List<Produced>> byChain = new java.util.LinkedHashMap<>();
      for (String chain : List.of("serial", "parallel")) {
        List<Produced> produced = new ArrayList<>();
        produced.addAll(E2e.produce(test, dir, queue, PER_LIST_WITH_CONTEXT, chain + "_in", true));
        produced.addAll(E2e.produce(test, dir, queue, PER_LIST_WITHOUT, chain + "_in", false));
        byChain.put(chain + "_chain", produced);
      }
      int total = byChain.values().stream().mapToInt(List::size).sum();
      store.await(
          Duration.ofSeconds(120),
          total + " chain runs counted",
          () -> E2e.latestSum(store, E2e.PROCESSED) + E2e.latestSum(store, E2e.FAILED) == total);
      List<Summary> summaries = E2e.stop(server, 2);
      store.await(
          Duration.ofSeconds(30),
          total + " root spans",
          () -> store.spansByNamePrefix("vcon_processing.").size() >= total);

      Set<String> workerIds = pids.stream().map(E2e::instanceId).collect(Collectors.toSet());
      Report r = checkTraces(store, byChain, workerIds);
      System.out.printf(
          "[%s] roots=%d with link=%d link spans=%d storage spans=%d (parallel chain %d) error"
              + " roots=%d error link spans=%d error storage spans=%d link flags seen=%s"
              + " summaries=%s%n",
          test,
          r.roots,
          r.linkedRoots,
          r.linkSpans,
          r.storageSpans,
          r.parallelStorageSpans,
          r.errorRoots,
          r.errorLinkSpans,
          r.errorStorageSpans,
          r.linkFlags,
          E2e.totals(summaries));
      Map<String, Long> t = E2e.totals(summaries);
      assertThat(r.errorRoots).as("roots with ERROR = failed runs").isEqualTo(t.get("failed"));
      assertThat(r.errorLinkSpans).isEqualTo(t.get("link_error"));
      assertThat(r.errorStorageSpans).isEqualTo(t.get("storage_failed")).isPositive();
      assertThat(r.storageSpans).isEqualTo(t.get("stored") + t.get("storage_failed"));
      assertThat(r.linkSpans)
          .isEqualTo(t.get("link_success") + t.get("link_halt") + t.get("link_error"));
      assertThat(r.parallelStorageSpans).isPositive();
    }
  }

  /** What {@link #checkTraces} counted. */
  static final class Report {
    int roots;
    int linkedRoots;
    long linkSpans;
    long storageSpans;
    long parallelStorageSpans;
    long errorRoots;
    long errorLinkSpans;
    long errorStorageSpans;
    Set<Integer> linkFlags = new java.util.TreeSet<>();
  }

  /**
   * The trace checks shared with {@link Java25IT}: all produced vCons of each chain, every span of
   * our scope, soft assertions so one run reports every violation.
   */
  static Report checkTraces(
      OtlpStore store, Map<String, List<Produced>> byChain, Set<String> workerIds) {
    Report r = new Report();
    List<SpanRecord> ours = store.spans(s -> E2e.SCOPE.equals(s.scopeName()));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(ours.stream().map(SpanRecord::serviceInstanceId).collect(Collectors.toSet()))
        .as("span resources")
        .isSubsetOf(workerIds);
    Map<String, List<SpanRecord>> rootsByVcon =
        ours.stream()
            .filter(s -> s.name().startsWith("vcon_processing."))
            .collect(Collectors.groupingBy(s -> String.valueOf(s.attributes().get("vcon_id"))));
    int produced = byChain.values().stream().mapToInt(List::size).sum();
    soft.assertThat(rootsByVcon.values().stream().mapToInt(List::size).sum())
        .as("root spans in all")
        .isEqualTo(produced);
    for (Map.Entry<String, List<Produced>> e : byChain.entrySet()) {
      String chain = e.getKey();
      for (Produced p : e.getValue()) {
        List<SpanRecord> roots = rootsByVcon.getOrDefault(p.uuid(), List.of());
        soft.assertThat(roots).as("roots of %s", p.uuid()).hasSize(1);
        if (roots.size() != 1) {
          continue;
        }
        SpanRecord root = roots.get(0);
        r.roots++;
        soft.assertThat(root.name()).isEqualTo("vcon_processing." + chain);
        soft.assertThat(root.parentSpanId()).as("parent of root %s", p.uuid()).isEmpty();
        soft.assertThat(root.attributes())
            .as("root attributes of %s", p.uuid())
            .containsEntry("vcon_id", p.uuid())
            .containsEntry("vcon.uuid", p.uuid())
            .containsEntry("chain_name", chain);
        if (p.hasContext()) {
          soft.assertThat(root.links()).as("links of %s", p.uuid()).hasSize(1);
          if (root.links().size() == 1) {
            r.linkedRoots++;
            SpanLink link = root.links().get(0);
            r.linkFlags.add(link.flags());
            soft.assertThat(link.traceId())
                .as("linked trace of %s", p.uuid())
                .isEqualTo(p.traceId());
            soft.assertThat(link.spanId()).as("linked span of %s", p.uuid()).isEqualTo(p.spanId());
            // Producer's trace_flags = 1 (sampled); bits 8/9: the context is known to be remote.
            soft.assertThat(link.flags() & 0xff)
                .as("trace flags of the link of %s", p.uuid())
                .isEqualTo(1);
            if ((link.flags() & 0x100) != 0) {
              soft.assertThat(link.flags() & 0x200)
                  .as("link of %s marked remote", p.uuid())
                  .isNotZero();
            }
            soft.assertThat(root.traceId())
                .as("root trace is new, not the producer's")
                .isNotEqualTo(p.traceId());
          }
        } else {
          soft.assertThat(root.links()).as("links of %s (no context)", p.uuid()).isEmpty();
        }

        List<SpanRecord> children =
            ours.stream()
                .filter(s -> s.name().startsWith("link.") || s.name().startsWith("storage."))
                .filter(s -> p.uuid().equals(String.valueOf(s.attributes().get("vcon_id"))))
                .collect(Collectors.toList());
        List<SpanRecord> links =
            children.stream()
                .filter(s -> s.name().startsWith("link."))
                .sorted(
                    java.util.Comparator.comparingLong(
                        s -> ((Number) s.attributes().get("link_index")).longValue()))
                .collect(Collectors.toList());
        List<SpanRecord> storages =
            children.stream()
                .filter(s -> s.name().startsWith("storage."))
                .collect(Collectors.toList());
        r.linkSpans += links.size();
        r.storageSpans += storages.size();
        if (chain.startsWith("parallel")) {
          r.parallelStorageSpans += storages.size();
        }
        for (SpanRecord c : children) {
          soft.assertThat(c.traceId())
              .as("trace of %s of %s", c.name(), p.uuid())
              .isEqualTo(root.traceId());
          soft.assertThat(c.parentSpanId())
              .as("parent of %s of %s", c.name(), p.uuid())
              .isEqualTo(root.spanId());
          soft.assertThat(c.resource())
              .as("resource of %s of %s", c.name(), p.uuid())
              .isEqualTo(root.resource());
          soft.assertThat(c.attributes())
              .as("attributes of %s", c.name())
              .containsEntry("chain_name", chain);
          boolean error = "error".equals(c.attributes().get("outcome"));
          soft.assertThat(c.statusCode())
              .as("status of %s of %s", c.name(), p.uuid())
              .isEqualTo(error ? "ERROR" : "UNSET");
          soft.assertThat(c.events().stream().anyMatch(ev -> ev.name().equals("exception")))
              .as("exception event on %s of %s", c.name(), p.uuid())
              .isEqualTo(error);
        }
        // Links ran in chain order from index 0 and stopped at the first error or halt.
        for (int i = 0; i < links.size(); i++) {
          SpanRecord l = links.get(i);
          soft.assertThat(l.name()).isEqualTo("link." + LINKS.get(i));
          soft.assertThat(l.attributes())
              .containsEntry("link_name", LINKS.get(i))
              .containsEntry("link_index", (long) i);
          boolean last = i == links.size() - 1;
          if (!last) {
            soft.assertThat(l.attributes())
                .as("outcome of a link before the last")
                .containsEntry("outcome", "success");
          }
        }
        String lastOutcome =
            links.isEmpty()
                ? "none"
                : String.valueOf(links.get(links.size() - 1).attributes().get("outcome"));
        boolean failed = lastOutcome.equals("error");
        boolean completed = links.size() == LINKS.size() && lastOutcome.equals("success");
        if (failed) {
          r.errorLinkSpans++;
          r.errorRoots += "ERROR".equals(root.statusCode()) ? 1 : 0;
        }
        soft.assertThat(root.statusCode())
            .as("root status of %s", p.uuid())
            .isEqualTo(failed ? "ERROR" : "UNSET");
        soft.assertThat(root.events().stream().anyMatch(ev -> ev.name().equals("exception")))
            .as("exception event on root of %s", p.uuid())
            .isEqualTo(failed);
        soft.assertThat(storages.stream().map(s -> s.name()).sorted().collect(Collectors.toList()))
            .as("storage spans of %s (last link outcome %s)", p.uuid(), lastOutcome)
            .isEqualTo(
                completed ? List.of("storage.broken", "storage.file", "storage.log") : List.of());
        for (SpanRecord s : storages) {
          boolean isBroken = s.name().equals("storage.broken");
          soft.assertThat(s.attributes())
              .containsEntry("storage_name", s.name().substring("storage.".length()))
              .containsEntry("outcome", isBroken ? "error" : "success");
          if (isBroken) {
            r.errorStorageSpans++;
          }
        }
      }
    }
    soft.assertAll();
    return r;
  }
}
