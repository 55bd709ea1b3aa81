package dev.vcon.it.chain;

import static dev.vcon.it.chain.ChainIt.attr;
import static dev.vcon.it.chain.ChainIt.child;
import static dev.vcon.it.chain.ChainIt.children;
import static dev.vcon.it.chain.ChainIt.root;
import static dev.vcon.it.chain.ChainIt.totals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vcon.it.chain.host.ChainHostMain;
import dev.vcon.it.chain.host.Ids;
import dev.vcon.it.chain.host.Links.LinkFailure;
import dev.vcon.it.chain.host.Storages.StorageFailure;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanEvent;
import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scripted scenario of {@link ChainHostMain} in one JVM with our agent, checked against what
 * the receiver got: root spans, span links, nesting (incl. the executor thread), outcomes, errors,
 * re-entrancy, bridge methods, orphan link/storage calls and every conserver metric. Once on the
 * test's Java over OTLP/HTTP ({@link ChainScenarioIT}), once on Java 25 over OTLP/gRPC ({@link
 * ChainScenarioJava25IT}). One JVM per class; each test checks one aspect of what arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChainScenarioBase {

  static final List<String> HOST_CHECKS =
      List.of(
          "V1.result",
          "V1.tag-result",
          "V1.collect-result-identity",
          "V1.delegate-result",
          "V1.async-storage-on-other-thread",
          "V2.result",
          "V2.link-results",
          "V3.result",
          "V3.false-result-identity",
          "V4.result",
          "V4.empty-result",
          "V5.result",
          "V5.optional-result-identity",
          "V6.same-exception",
          "V6.exception-message",
          "V7.result",
          "V7.storage-error-identity",
          "V7.remote-tag-result",
          "V8.result",
          "V9.result",
          "V9.blob",
          "V10.orphan-link-result",
          "V10.orphan-store",
          "V11.result",
          "V12.result",
          "V12.cross-result",
          "mem.writes");

  /** Chain runs that completed (normal returns, halted ones included), by chain name. */
  static final Map<String, Long> PROCESSED =
      // unknown: V12 (no name) and V11 (its name's toString() throws: it loses the name, not the
      // run)
      Map.of("alpha", 3L, "beta", 3L, "gamma", 1L, "delta", 1L, "unknown", 2L);

  static final Map<String, Long> FAILED = Map.of("gamma", 1L);

  /** conserver.link.count by link_name/outcome: the whole series set. */
  static final Map<String, Long> LINK_COUNT =
      Map.ofEntries(
          entry("tag/success", 7L),
          entry("collect/success", 1L),
          entry("delegate/success", 1L),
          entry("spawn/success", 1L),
          entry("orphan/success", 1L),
          entry("stop-null/halt", 1L),
          entry("stop-false/halt", 1L),
          entry("stop-empty/halt", 1L),
          entry("stop-optional/halt", 1L),
          entry("boom/error", 1L),
          entry("cross/success", 1L),
          entry("slow/success", 1L),
          entry("archive/success", 1L),
          entry("remote-tag/success", 1L));

  /** conserver.link.execution_time counts by link.name/chain.name, for the links that returned. */
  static final Map<String, Long> LINK_TIME =
      Map.ofEntries(
          entry("tag/alpha", 3L),
          entry("tag/beta", 1L),
          entry("tag/gamma", 2L),
          entry("tag/delta", 1L),
          entry("collect/alpha", 1L),
          entry("delegate/alpha", 1L),
          entry("spawn/alpha", 1L),
          entry("stop-null/alpha", 1L),
          entry("stop-false/beta", 1L),
          entry("stop-empty/beta", 1L),
          entry("stop-optional/beta", 1L),
          entry("orphan/unknown", 1L),
          entry("cross/unknown", 1L),
          entry("slow/alpha", 1L),
          entry("archive/delta", 1L),
          entry("remote-tag/gamma", 1L));

  /** conserver.storage.count and .duration_ms by backend/outcome: the whole series set. */
  static final Map<String, Long> STORAGE =
      Map.of(
          "mem/success",
          2L,
          "list/success",
          1L,
          "failing/error",
          1L,
          "orphan-store/success",
          1L,
          "side-store/success",
          1L,
          "slow-store/success",
          1L,
          "blob/success",
          1L);

  private final String name;
  private final Path java;
  private final Protocol protocol;
  private final String javaVersion;
  private Path dir;
  private OtlpReceiver receiver;
  private JvmProcess jvm;
  private OtlpStore store;

  ChainScenarioBase(String name, Path java, Protocol protocol, String javaVersion) {
    this.name = name;
    this.java = java;
    this.protocol = protocol;
    this.javaVersion = javaVersion;
  }

  /** One JVM for all the checks of this class: the scenario runs, exits, and everything arrived. */
  @BeforeAll
  void runScenario() throws Exception {
    dir = Files.createTempDirectory("chain-scenario");
    Path config = ChainIt.writeConfig(dir);
    receiver = OtlpReceiver.start();
    JvmLauncher launcher =
        ChainIt.agentJvm(getClass().getSimpleName(), name, config, receiver, protocol)
            .classpath(ItJars.testClasses())
            .mainClass(ChainHostMain.class.getName());
    if (java != null) {
      launcher.java(java);
    }
    long t0 = System.nanoTime();
    jvm = launcher.start();
    ChainIt.awaitCleanExit(jvm, HOST_CHECKS);
    long exited = System.nanoTime();
    assertThat(jvm.stdout().lines()).contains("java " + javaVersion, "scenario done");
    store = receiver.store();
    // The exit flush is done when the JVM is gone; allow the receiver a moment all the same.
    store.await(
        ChainIt.DELIVERY,
        "the orphan storage span and the final storage counts",
        () ->
            !store.spansByNamePrefix("storage.orphan-store").isEmpty()
                && totals(store, "conserver.storage.count", p -> attr(p, "backend"))
                    .containsKey("orphan-store"));
    System.out.printf("%s: JVM ran %d ms (start to exit)%n", name, (exited - t0) / 1_000_000);
    ChainIt.evidence(
        jvm,
        "trace of V8 (its link 'spawn' runs V9) and of V9",
        ChainIt.describeTrace(ChainIt.trace(store, root(store, "V8").traceId()))
            + ChainIt.describeTrace(ChainIt.trace(store, root(store, "V9").traceId())));
    ChainIt.evidence(
        jvm,
        "trace of V1",
        ChainIt.describeTrace(ChainIt.trace(store, root(store, "V1").traceId())));
    ChainIt.evidence(
        jvm,
        "trace of V6 (a link throws)",
        ChainIt.describeTrace(ChainIt.trace(store, root(store, "V6").traceId())));
    ChainIt.evidence(
        jvm,
        "trace of V12 (its link writes V13, which has no run in progress)",
        ChainIt.describeTrace(ChainIt.trace(store, root(store, "V12").traceId())));
    ChainIt.evidence(
        jvm,
        "latest cumulative conserver.* points",
        ChainIt.describeMetrics(
            store.latestCumulativePoints().stream()
                .filter(p -> p.metricName().startsWith("conserver."))
                .collect(Collectors.toList())));
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
  void everyExportCameOverTheConfiguredProtocol() {
    assertThat(store.arrivals())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.protocol()).isEqualTo(protocol));
  }

  @Test
  void stderrHasOnlyTheStartLine() {
    verifyStderr(jvm);
  }

  @Test
  void eachRunIsOneRootSpanLinkedToAValidUpstreamContext() {
    verifyRootsAndLinks(store);
  }

  @Test
  void linksAndStoragesNestUnderTheirRunsRootIncludingTheExecutorThread() {
    verifyNesting(store);
  }

  @Test
  void linkAndStorageOutcomesAndErrors() {
    verifyOutcomesAndErrors(store);
  }

  @Test
  void aRunInsideAnotherRunIsARootAndCallsWithoutARunStartTheirOwnTrace() {
    verifyNestedRunAndOrphans(store);
  }

  /**
   * V12's link writes V13 to a storage; V13 has no chain run in progress, so per the contract the
   * write starts a trace of its own, although it happens on a thread inside V12's run.
   *
   * <p>Fails against the agent at the time of writing: {@code ChainRunTracker.parentRun} prefers
   * the run open on the thread over the call's own vCon id, so the V13 write becomes a child of
   * V12's root (with V12's chain_name). Left enabled: it blocks no other check.
   */
  @Test
  void aWriteOfAnotherVconWithNoRunInProgressStartsItsOwnTrace() {
    SpanRecord v12 = root(store, "V12");
    assertThat(v12.name()).isEqualTo("vcon_processing.unknown");
    assertThat(v12.attributes()).containsEntry("chain_name", "unknown");
    assertThat(child(store, v12, "link.cross").attributes())
        .containsEntry("outcome", "success")
        .containsEntry("chain_name", "unknown");
    List<SpanRecord> side = store.spans(s -> s.name().equals("storage.side-store"));
    assertThat(side).hasSize(1);
    SpanRecord write = side.get(0);
    assertThat(write.attributes())
        .containsEntry("vcon_id", Ids.uuid("V13"))
        .containsEntry("outcome", "success");
    assertThat(write.isRoot())
        .as("the V13 write is a root span (parent %s)", write.parentSpanId())
        .isTrue();
    assertThat(write.traceId())
        .as("the V13 write is not in V12's trace")
        .isNotEqualTo(v12.traceId());
  }

  @Test
  void conserverMetrics() {
    verifyMetrics(store);
  }

  /**
   * A clean configuration reports nothing: the hostile name (a toString() that throws) only loses
   * that value, it is no internal error.
   */
  private static void verifyStderr(JvmProcess jvm) {
    List<String> problems = ChainIt.configProblems(jvm);
    assertThat(problems).as("agent problem lines").isEmpty();
    assertThat(jvm.stderr().lines())
        .anyMatch(l -> l.startsWith("vcon-otel-agent ") && l.contains(" started: "));
  }

  private static void verifyRootsAndLinks(OtlpStore store) {
    // One root per run, counted once although process() delegates to process(int).
    Map<String, Long> rootsByName =
        store.spansByNamePrefix("vcon_processing.").stream()
            .collect(Collectors.groupingBy(SpanRecord::name, Collectors.counting()));
    assertThat(rootsByName)
        .containsAllEntriesOf(
            Map.of(
                "vcon_processing.alpha",
                3L,
                "vcon_processing.beta",
                3L,
                "vcon_processing.gamma",
                2L,
                "vcon_processing.delta",
                1L,
                "vcon_processing.unknown",
                2L));

    Map<String, String> chainOf = new LinkedHashMap<>();
    for (String label : List.of("V1", "V2", "V8")) {
      chainOf.put(label, "alpha");
    }
    for (String label : List.of("V3", "V4", "V5")) {
      chainOf.put(label, "beta");
    }
    chainOf.put("V6", "gamma");
    chainOf.put("V7", "gamma");
    chainOf.put("V9", "delta");
    chainOf.put("V12", "unknown"); // the chain name is null
    Set<String> traces = new HashSet<>();
    chainOf.forEach(
        (label, chain) -> {
          SpanRecord root = root(store, label);
          String id = Ids.uuid(label);
          assertThat(root.name()).isEqualTo("vcon_processing." + chain);
          assertThat(root.isRoot()).as("%s has no parent", label).isTrue();
          assertThat(root.attributes())
              .as(label)
              .containsEntry("vcon_id", id)
              .containsEntry("vcon.uuid", id)
              .containsEntry("chain_name", chain);
          assertThat(traces.add(root.traceId())).as("%s has a trace of its own", label).isTrue();
        });
    assertThat(traces)
        .doesNotContain(ChainHostMain.T1, ChainHostMain.T2, ChainHostMain.T3, ChainHostMain.T8);

    // The upstream context becomes a span link (with its flags), never a parent.
    assertLink(
        root(store, "V1"), ChainHostMain.T1, ChainHostMain.S1, 0x01); // map trace_id/span_id/flags
    assertLink(root(store, "V2"), ChainHostMain.T2, ChainHostMain.S2, 0x00); // map traceparent
    assertLink(root(store, "V3"), ChainHostMain.T3, ChainHostMain.S3, 0x01); // traceparent string
    assertLink(
        root(store, "V8"), ChainHostMain.T8, ChainHostMain.S8, 0x00); // upper-case map, no flags
    for (String label :
        List.of("V4", "V5", "V6", "V7", "V9", "V12")) { // zero, malformed, none, partial
      assertThat(root(store, label).links()).as("span links of %s", label).isEmpty();
    }
  }

  private static void assertLink(SpanRecord root, String traceId, String spanId, int flags) {
    assertThat(root.links()).as("span links of %s", root.attributes().get("vcon_id")).hasSize(1);
    SpanLink link = root.links().get(0);
    assertThat(link.traceId()).isEqualTo(traceId);
    assertThat(link.spanId()).isEqualTo(spanId);
    assertThat(link.flags() & 0xff).as("trace flags of the link").isEqualTo(flags);
  }

  private static void verifyNesting(OtlpStore store) {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put(
        "V1", List.of("link.tag", "link.collect", "link.delegate", "storage.mem", "storage.list"));
    expected.put("V2", List.of("link.tag", "link.stop-null"));
    expected.put("V3", List.of("link.tag", "link.stop-false"));
    expected.put("V4", List.of("link.stop-empty"));
    expected.put("V5", List.of("link.stop-optional"));
    expected.put("V6", List.of("link.tag", "link.boom"));
    expected.put("V7", List.of("link.tag", "link.remote-tag", "storage.failing"));
    expected.put("V8", List.of("link.spawn", "link.tag", "link.slow", "storage.slow-store"));
    expected.put("V9", List.of("link.tag", "link.archive", "storage.mem", "storage.blob"));
    expected.forEach(
        (label, names) -> {
          SpanRecord root = root(store, label);
          assertThat(children(store, root))
              .as("children of %s", label)
              .extracting(SpanRecord::name)
              .containsExactlyInAnyOrderElementsOf(names);
          // Nothing else in the trace: no grandchildren, no duplicate span from a bridge or
          // overload.
          assertThat(ChainIt.trace(store, root.traceId()))
              .as("trace of %s", label)
              .hasSize(names.size() + 1);
        });
    // Bridge methods and delegating overloads are not recorded twice, anywhere.
    assertThat(store.spans(s -> s.name().equals("link.tag"))).hasSize(7);
    assertThat(store.spans(s -> s.name().equals("link.delegate"))).hasSize(1);
    assertThat(store.spans(s -> s.name().equals("storage.mem"))).hasSize(2);
    // An override calling super.persist is one write (abstract-class selector, two levels down).
    assertThat(store.spans(s -> s.name().equals("storage.blob"))).hasSize(1);

    // Link attributes, with their position in the chain.
    assertLinkSpan(store, "V1", "tag", 0, "alpha", "success");
    assertLinkSpan(store, "V1", "collect", 1, "alpha", "success");
    assertLinkSpan(store, "V1", "delegate", 2, "alpha", "success");
    assertLinkSpan(store, "V8", "spawn", 0, "alpha", "success");
    assertLinkSpan(store, "V8", "tag", 1, "alpha", "success");
    assertLinkSpan(store, "V8", "slow", 2, "alpha", "success");
    assertLinkSpan(store, "V7", "remote-tag", 1, "gamma", "success"); // on the executor's thread
    assertLinkSpan(store, "V9", "tag", 0, "delta", "success");
    assertLinkSpan(store, "V9", "archive", 1, "delta", "success");
    // Storage attributes, on this thread and on the executor's.
    assertStorageSpan(store, "V1", "mem", "alpha", "success");
    assertStorageSpan(store, "V1", "list", "alpha", "success");
    assertStorageSpan(store, "V9", "mem", "delta", "success");
    assertStorageSpan(store, "V9", "blob", "delta", "success"); // name: private field of BlobStore
    assertStorageSpan(store, "V8", "slow-store", "alpha", "success");
  }

  private static SpanRecord assertLinkSpan(
      OtlpStore store, String label, String link, long index, String chain, String outcome) {
    SpanRecord span = child(store, root(store, label), "link." + link);
    assertThat(span.attributes())
        .as("link.%s of %s", link, label)
        .containsEntry("vcon_id", Ids.uuid(label))
        .containsEntry("link_name", link)
        .containsEntry("link_index", index)
        .containsEntry("chain_name", chain)
        .containsEntry("outcome", outcome);
    return span;
  }

  private static SpanRecord assertStorageSpan(
      OtlpStore store, String label, String storage, String chain, String outcome) {
    SpanRecord span = child(store, root(store, label), "storage." + storage);
    assertThat(span.attributes())
        .as("storage.%s of %s", storage, label)
        .containsEntry("vcon_id", Ids.uuid(label))
        .containsEntry("storage_name", storage)
        .containsEntry("chain_name", chain)
        .containsEntry("outcome", outcome);
    return span;
  }

  private static void verifyOutcomesAndErrors(OtlpStore store) {
    assertLinkSpan(store, "V2", "tag", 0, "alpha", "success");
    assertLinkSpan(store, "V2", "stop-null", 1, "alpha", "halt");
    assertLinkSpan(store, "V3", "stop-false", 1, "beta", "halt");
    assertLinkSpan(store, "V4", "stop-empty", 0, "beta", "halt");
    assertLinkSpan(store, "V5", "stop-optional", 0, "beta", "halt");
    assertLinkSpan(store, "V6", "tag", 0, "gamma", "success");
    SpanRecord boom = assertLinkSpan(store, "V6", "boom", 1, "gamma", "error");
    SpanRecord failing = assertStorageSpan(store, "V7", "failing", "gamma", "error");

    String message = "link boom failed for " + Ids.uuid("V6");
    assertError(boom, LinkFailure.class, message);
    assertError(root(store, "V6"), LinkFailure.class, message);
    assertError(failing, StorageFailure.class, "storage failing rejected " + Ids.uuid("V7"));
    // A halted run is not a failure, and a storage failure the chain handled does not fail it.
    for (String label : List.of("V1", "V2", "V3", "V4", "V5", "V7", "V8", "V9")) {
      assertThat(root(store, label).statusCode()).as("status of %s", label).isNotEqualTo("ERROR");
      assertThat(root(store, label).events()).as("events of %s", label).isEmpty();
    }
    assertThat(store.spans(s -> s.name().startsWith("link.") && !s.name().equals("link.boom")))
        .allSatisfy(s -> assertThat(s.statusCode()).as(s.name()).isNotEqualTo("ERROR"));
  }

  private static void assertError(SpanRecord span, Class<?> type, String message) {
    assertThat(span.statusCode()).as("status of %s", span.name()).isEqualTo("ERROR");
    List<SpanEvent> exceptions =
        span.events().stream()
            .filter(e -> e.name().equals("exception"))
            .collect(Collectors.toList());
    assertThat(exceptions).as("exception events of %s", span.name()).hasSize(1);
    // The SDK writes the canonical name (Links.LinkFailure); the binary name would do as well.
    assertThat(exceptions.get(0).attributes().get("exception.type"))
        .isIn(type.getCanonicalName(), type.getName());
    assertThat(exceptions.get(0).attributes()).containsEntry("exception.message", message);
    assertThat(String.valueOf(exceptions.get(0).attributes().get("exception.stacktrace")))
        .startsWith(type.getName() + ": " + message);
  }

  private static void verifyNestedRunAndOrphans(OtlpStore store) {
    // V9 ran inside V8's "spawn" link on the same thread, yet is a root in a trace of its own.
    SpanRecord v8 = root(store, "V8");
    SpanRecord v9 = root(store, "V9");
    SpanRecord spawn = child(store, v8, "link.spawn");
    assertThat(v9.isRoot()).isTrue();
    assertThat(v9.traceId()).isNotEqualTo(v8.traceId());
    assertThat(v9.startEpochNanos()).isBetween(spawn.startEpochNanos(), spawn.endEpochNanos());
    assertThat(v9.endEpochNanos()).isBetween(spawn.startEpochNanos(), spawn.endEpochNanos());

    // Calls with no chain run of their vCon in progress: own traces.
    String v10 = Ids.uuid("V10");
    List<SpanRecord> orphanLink = store.spans(s -> s.name().equals("link.orphan"));
    List<SpanRecord> orphanStore = store.spans(s -> s.name().equals("storage.orphan-store"));
    assertThat(orphanLink).hasSize(1);
    assertThat(orphanStore).hasSize(1);
    SpanRecord link = orphanLink.get(0);
    SpanRecord storage = orphanStore.get(0);
    assertThat(link.isRoot()).isTrue();
    assertThat(storage.isRoot()).isTrue();
    assertThat(link.attributes())
        .containsEntry("vcon_id", v10)
        .containsEntry("link_name", "orphan")
        .containsEntry("link_index", 7L)
        .containsEntry("outcome", "success");
    assertThat(storage.attributes())
        .containsEntry("vcon_id", v10)
        .containsEntry("storage_name", "orphan-store")
        .containsEntry("outcome", "success");
    assertThat(ChainIt.trace(store, link.traceId())).containsExactly(link);
    assertThat(ChainIt.trace(store, storage.traceId())).containsExactly(storage);
  }

  private static void verifyMetrics(OtlpStore store) {
    assertThat(
            totals(store, "conserver.main_loop.count_vcons_processed", p -> attr(p, "chain.name")))
        .containsAllEntriesOf(PROCESSED);
    assertThat(
            totals(
                store,
                "conserver.main_loop.count_vcons_failed",
                p -> attr(p, "chain.name"),
                p -> PROCESSED.containsKey(attr(p, "chain.name")) && p.value().longValue() != 0))
        .isEqualTo(FAILED);
    Map<String, Long> inflight =
        totals(
            store,
            "conserver.vcons.inflight",
            p -> attr(p, "chain.name"),
            p -> PROCESSED.containsKey(attr(p, "chain.name")));
    assertThat(inflight)
        .as("in flight after the exit")
        .containsOnlyKeys(PROCESSED.keySet())
        .allSatisfy((chain, n) -> assertThat(n).isZero());
    // Durations of the runs that completed.
    assertThat(
            totals(store, "conserver.main_loop.vcon_processing_time", p -> attr(p, "chain.name")))
        .containsAllEntriesOf(PROCESSED);

    Map<String, Long> linkTime =
        totals(
            store,
            "conserver.link.execution_time",
            p -> attr(p, "link.name") + "/" + attr(p, "chain.name"));
    assertThat(linkTime).containsAllEntriesOf(LINK_TIME);
    // Whether a throwing link's duration is recorded is not specified; if it is, once.
    assertThat(linkTime.keySet()).isSubsetOf(union(LINK_TIME.keySet(), Set.of("boom/gamma")));
    assertThat(linkTime.getOrDefault("boom/gamma", 1L)).isEqualTo(1L);

    assertThat(
            totals(
                store,
                "conserver.link.count",
                p -> attr(p, "link_name") + "/" + attr(p, "outcome")))
        .isEqualTo(LINK_COUNT);
    assertThat(
            totals(
                store,
                "conserver.storage.count",
                p -> attr(p, "backend") + "/" + attr(p, "outcome")))
        .isEqualTo(STORAGE);
    assertThat(
            totals(
                store,
                "conserver.storage.duration_ms",
                p -> attr(p, "backend") + "/" + attr(p, "outcome")))
        .isEqualTo(STORAGE);

    verifyMetricShapes(store);
    assertThat(store.metricNames()).containsAll(METRIC_KEYS.keySet());

    // Values in their units: V8's "slow" link sleeps 1.5 s, its "slow-store" write 50 ms.
    double slowLink = ChainHostMain.SLOW_LINK_MILLIS / 1000.0;
    assertThat(histogramSum(store, "conserver.link.execution_time", "link.name", "slow"))
        .as("seconds")
        .isBetween(slowLink, slowLink + 5);
    assertThat(
            histogramSum(store, "conserver.main_loop.vcon_processing_time", "chain.name", "alpha"))
        .as("seconds")
        .isBetween(slowLink, slowLink + 10);
    assertThat(histogramSum(store, "conserver.storage.duration_ms", "backend", "slow-store"))
        .as("milliseconds")
        .isBetween((double) ChainHostMain.SLOW_STORAGE_MILLIS, 5000.0);
    // A periodic export during the slow link saw V8's run in flight; the final one sees none.
    assertThat(store.metricPoints("conserver.vcons.inflight"))
        .anyMatch(
            p -> "alpha".equals(p.attributes().get("chain.name")) && p.value().longValue() == 1L);
    assertThat(store.metricPoints("conserver.vcons.inflight"))
        .allMatch(p -> p.value().longValue() >= 0);
  }

  /** Every conserver metric with its attribute keys. */
  static final Map<String, Set<String>> METRIC_KEYS =
      Map.of(
          "conserver.vcons.inflight", Set.of("chain.name"),
          "conserver.main_loop.vcon_processing_time", Set.of("chain.name"),
          "conserver.main_loop.count_vcons_processed", Set.of("chain.name"),
          "conserver.main_loop.count_vcons_failed", Set.of("chain.name"),
          "conserver.link.execution_time", Set.of("link.name", "chain.name"),
          "conserver.link.count", Set.of("link_name", "outcome"),
          "conserver.storage.count", Set.of("backend", "outcome"),
          "conserver.storage.duration_ms", Set.of("backend", "outcome"));

  /** Checks the type, unit, buckets and attributes of every conserver.* point that arrived. */
  static void verifyMetricShapes(OtlpStore store) {
    Map<String, Set<String>> keys = METRIC_KEYS;
    Map<String, String> histogramUnits =
        Map.of(
            "conserver.main_loop.vcon_processing_time", "s",
            "conserver.link.execution_time", "s",
            "conserver.storage.duration_ms", "ms");
    List<MetricPoint> all = store.metricPoints(p -> p.metricName().startsWith("conserver."));
    assertThat(all)
        .extracting(MetricPoint::metricName)
        .doesNotContainNull()
        .allMatch(keys::containsKey);
    Set<String> uuids = ChainHostMain.LABELS.stream().map(Ids::uuid).collect(Collectors.toSet());
    for (MetricPoint p : all) {
      assertThat(p.attributes().keySet())
          .as("attribute keys of %s", p.metricName())
          .isEqualTo(keys.get(p.metricName()));
      assertThat(p.attributes().values())
          .as("%s carries no vCon uuid", p.metricName())
          .noneMatch(v -> uuids.contains(String.valueOf(v)));
      String unit = histogramUnits.get(p.metricName());
      if (unit != null) {
        assertThat(p.type()).as(p.metricName()).isEqualTo(MetricPoint.Type.HISTOGRAM);
        assertThat(p.unit()).as("unit of %s", p.metricName()).isEqualTo(unit);
        List<Double> bounds = p.histogram().explicitBounds();
        assertThat(bounds)
            .as("buckets of %s", p.metricName())
            .isNotEmpty()
            .isNotEqualTo(ChainIt.SDK_DEFAULT_BOUNDS);
        if (unit.equals("s")) {
          // Sub-second resolution and room for minutes-long runs.
          assertThat(bounds.get(0))
              .as("smallest bound of %s", p.metricName())
              .isLessThanOrEqualTo(0.01);
          assertThat(bounds.get(bounds.size() - 1)).isGreaterThanOrEqualTo(60.0);
        } else {
          assertThat(bounds.get(0))
              .as("smallest bound of %s", p.metricName())
              .isLessThanOrEqualTo(5.0);
          assertThat(bounds.get(bounds.size() - 1)).isGreaterThanOrEqualTo(10_000.0);
        }
      } else if (p.metricName().equals("conserver.vcons.inflight")) {
        assertThat(p.type()).isEqualTo(MetricPoint.Type.SUM);
        assertThat(p.monotonic()).as("inflight goes up and down").isFalse();
      } else {
        assertThat(p.type()).as(p.metricName()).isEqualTo(MetricPoint.Type.SUM);
        assertThat(p.monotonic()).as("%s is a counter", p.metricName()).isTrue();
      }
    }
  }

  private static double histogramSum(OtlpStore store, String metric, String key, String value) {
    List<MetricPoint> points =
        store.latestCumulativePoints(metric).stream()
            .filter(p -> value.equals(p.attributes().get(key)))
            .collect(Collectors.toList());
    assertThat(points).as("%s{%s=%s}", metric, key, value).hasSize(1);
    return points.get(0).histogram().sum();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
