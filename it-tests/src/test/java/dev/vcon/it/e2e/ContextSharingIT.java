package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Produced;
import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One trace per vCon, end to end, in the sample app: a link calls a loopback HTTP endpoint with the
 * JDK client, and the chain hands the vCon on to a second chain through an egress list.
 *
 * <ul>
 *   <li>With the official OpenTelemetry Java agent attached (either order of the {@code -javaagent}
 *       flags), its HTTP client span made inside our link has our link span as its parent, in the
 *       vCon's trace; our roots stay roots.
 *   <li>With or without it, the egress carrier gets the first root's context and the second chain's
 *       root links to it.
 *   <li>Alone, nothing else changes: no foreign spans, no problem lines.
 * </ul>
 */
class ContextSharingIT {
  private static final int COUNT = 8;
  private static final String FIRST = "vcon_processing.first_chain";
  private static final String SECOND = "vcon_processing.second_chain";

  enum Setup {
    OFFICIAL_FIRST,
    OURS_FIRST,
    OURS_ALONE;

    boolean official() {
      return this != OURS_ALONE;
    }
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Setup.class)
  void spansOfOtherInstrumentationJoinTheVconTraceAndTheContextTravelsOn(Setup setup) {
    String test = "ContextSharingIT." + setup;
    Queue queue = Queue.spool(dir.resolve("spool"));
    Path config =
        E2e.write(
            dir.resolve("sharing.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
              call: {class: dev.vcon.sample.link.HttpLink}
            storages:
              log: {class: dev.vcon.sample.storage.LogStorage}
            chains:
              first_chain:
                links: [tag, call]
                ingress_lists: [first_in]
                storages: [log]
                egress_lists: [second_in]
              second_chain:
                links: [call]
                ingress_lists: [second_in]
            """);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      JvmLauncher launcher = E2e.server(test, "server", dir, queue);
      // Our agent with the sample app's own configuration (it names the egress method).
      switch (setup) {
        case OFFICIAL_FIRST -> E2e.withVconAgent(launcher.javaagent(ItJars.officialAgent()));
        case OURS_FIRST -> E2e.withVconAgent(launcher).javaagent(ItJars.officialAgent());
        case OURS_ALONE -> E2e.withVconAgent(launcher);
      }
      E2e.otlp(launcher, receiver.endpointHttp(), Protocol.HTTP_PROTOBUF)
          .env("OTEL_METRIC_EXPORT_INTERVAL", "1000");
      try (JvmProcess server = E2e.runArgs(launcher, config, 1, 2).start()) {
        OtlpStore store = receiver.store();
        E2e.awaitWorkers(server, 1);
        List<Produced> produced = E2e.produce(test, dir, queue, COUNT, "first_in", false);
        store.await(
            Duration.ofSeconds(120),
            COUNT
                + " roots of each chain"
                + (setup.official() ? " and the official agent's client span of each call" : ""),
            () ->
                store.spans(s -> s.name().equals(FIRST)).size() == COUNT
                    && store.spans(s -> s.name().equals(SECOND)).size() == COUNT
                    && (!setup.official() || clientSpans(store).size() >= 2 * COUNT));
        E2e.stop(server, 1);

        List<SpanRecord> ourSpans = store.spans(s -> E2e.SCOPE.equals(s.scopeName()));
        List<SpanRecord> theirs = store.spans(s -> !E2e.SCOPE.equals(s.scopeName()));
        List<SpanRecord> calls =
            ourSpans.stream().filter(s -> s.name().equals("link.call")).toList();
        System.out.printf(
            "[%s] our spans=%d their spans=%d (%s)%n  problem lines=%s%n",
            test,
            ourSpans.size(),
            theirs.size(),
            theirs.stream()
                .map(s -> s.scopeName() + ":" + s.kind() + ":" + s.name())
                .distinct()
                .collect(Collectors.joining(", ")),
            E2e.problemLines(server, OfficialAgentCoexistenceIT::tolerated));

        Map<String, SpanRecord> firstRoots = rootsByVcon(ourSpans, FIRST);
        Map<String, SpanRecord> secondRoots = rootsByVcon(ourSpans, SECOND);
        assertThat(firstRoots.keySet())
            .containsExactlyInAnyOrderElementsOf(produced.stream().map(Produced::uuid).toList());
        assertThat(secondRoots.keySet()).isEqualTo(firstRoots.keySet());
        for (String uuid : firstRoots.keySet()) {
          SpanRecord first = firstRoots.get(uuid);
          SpanRecord second = secondRoots.get(uuid);
          // Roots stay roots; the first run had no upstream and no ambient span (a scope left open
          // on the worker thread by an earlier run would show up here as a link).
          assertThat(first.parentSpanId()).isEmpty();
          assertThat(first.links()).as("links of the first root of %s", uuid).isEmpty();
          assertThat(second.parentSpanId()).isEmpty();
          assertThat(second.traceId()).isNotEqualTo(first.traceId());
          assertThat(second.links())
              .as("the second chain's root links to the first chain's root of %s", uuid)
              .extracting(SpanLink::traceId, SpanLink::spanId)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(first.traceId(), first.spanId()));
        }
        assertThat(calls).hasSize(2 * COUNT);

        if (setup.official()) {
          List<SpanRecord> clients = clientSpans(store);
          assertThat(clients).hasSize(2 * COUNT);
          for (SpanRecord call : calls) {
            assertThat(clients)
                .as("the official agent's client span inside %s of %s", call.name(), call.traceId())
                .filteredOn(
                    c ->
                        c.traceId().equals(call.traceId())
                            && c.parentSpanId().equals(call.spanId()))
                .hasSize(1);
          }
          // Our spans never take theirs as parent.
          java.util.Set<String> theirIds =
              theirs.stream().map(SpanRecord::spanId).collect(Collectors.toSet());
          assertThat(ourSpans).noneMatch(s -> theirIds.contains(s.parentSpanId()));
        } else {
          assertThat(theirs).isEmpty();
        }
        assertThat(E2e.problemLines(server, OfficialAgentCoexistenceIT::tolerated))
            .as("stderr problem lines")
            .isEmpty();
      }
    }
  }

  private static List<SpanRecord> clientSpans(OtlpStore store) {
    return store.spans(s -> !E2e.SCOPE.equals(s.scopeName()) && s.kind().equals("CLIENT"));
  }

  private static Map<String, SpanRecord> rootsByVcon(List<SpanRecord> spans, String name) {
    return spans.stream()
        .filter(s -> s.name().equals(name))
        .collect(Collectors.toMap(s -> (String) s.attributes().get("vcon_id"), s -> s));
  }
}
