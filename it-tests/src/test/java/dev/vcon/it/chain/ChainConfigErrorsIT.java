package dev.vcon.it.chain;

import static dev.vcon.it.chain.ChainIt.HOST;
import static dev.vcon.it.chain.ChainIt.attr;
import static dev.vcon.it.chain.ChainIt.children;
import static dev.vcon.it.chain.ChainIt.count;
import static dev.vcon.it.chain.ChainIt.root;
import static dev.vcon.it.chain.ChainIt.totals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.chain.host.ChainHostMain;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scenario of {@link ChainHostMain} with configuration mistakes layered over the good file
 * (system properties and an environment variable win over it): each mistake is one stderr line, the
 * role with an unparsable setting is off, the others keep working, the host never notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainConfigErrorsIT {
  static final String BAD_LINK_METHODS = HOST + "Link.run";
  static final String BAD_LINK_INDEX = "arg2..";
  static final String CHAIN_METHODS =
      HOST
          + "ChainRequest#process,"
          + HOST
          + "ChainRequest#noSuchMethod,com.acme.nowhere.Ghost#run";

  private Path dir;
  private OtlpReceiver receiver;
  private JvmProcess jvm;
  private OtlpStore store;
  private List<String> problems;

  @BeforeAll
  void runWithBadSettings() throws Exception {
    dir = Files.createTempDirectory("chain-config-errors");
    Path config = ChainIt.writeConfig(dir);
    receiver = OtlpReceiver.start();
    jvm =
        ChainIt.agentJvm(
                "ChainConfigErrorsIT", "config-errors", config, receiver, Protocol.HTTP_PROTOBUF)
            // Unparsable selector and unparsable expression: the link role is off.
            .systemProperty("vcon.agent.link.methods", BAD_LINK_METHODS)
            .env("VCON_AGENT_LINK_INDEX", BAD_LINK_INDEX)
            // One selector that works, one whose type lacks the method, one whose type never loads.
            .systemProperty("vcon.agent.chain.methods", CHAIN_METHODS)
            // Expressions with a step that is missing on some receivers.
            .systemProperty("vcon.agent.chain.context", "this.context.traceparent")
            .systemProperty("vcon.agent.storage.name", "this.label")
            .classpath(ItJars.testClasses())
            .mainClass(ChainHostMain.class.getName())
            .start();
    // The host behaves exactly as without the agent, link role or not.
    ChainIt.awaitCleanExit(jvm, ChainScenarioBase.HOST_CHECKS);
    store = receiver.store();
    store.await(
        ChainIt.DELIVERY,
        "storage counts incl. the orphan write",
        () ->
            totals(store, "conserver.storage.count", p -> attr(p, "outcome"))
                    .getOrDefault("success", 0L)
                == 7L);
    problems = ChainIt.configProblems(jvm);
    ChainIt.evidence(jvm, "agent problem lines", String.join("\n", problems));
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
  void unparsableValuesAreOneLineEachNamingKeyValueAndExpectedForm() {
    assertThat(count(problems, "vcon.agent.link.methods")).isEqualTo(1);
    assertThat(
            count(
                problems,
                "vcon.agent.link.methods",
                "'" + BAD_LINK_METHODS + "'",
                "fully.qualified.Type#method",
                "link role is off"))
        .isEqualTo(1);
    assertThat(count(problems, "vcon.agent.link.index")).isEqualTo(1);
    assertThat(
            count(
                problems,
                "vcon.agent.link.index",
                "'" + BAD_LINK_INDEX + "'",
                "this or argN",
                "link role is off"))
        .isEqualTo(1);
  }

  @Test
  void selectorsThatMatchNothingAreOneLineEach() {
    // One when the class loads without the method, one at exit for the class never loaded.
    assertThat(count(problems, "ChainRequest#noSuchMethod")).isEqualTo(1);
    assertThat(
            count(
                problems,
                HOST + "ChainRequest#noSuchMethod",
                "vcon.agent.chain.methods",
                "nothing"))
        .isEqualTo(1);
    assertThat(count(problems, "com.acme.nowhere.Ghost#run")).isEqualTo(1);
    assertThat(
            count(
                problems,
                "com.acme.nowhere.Ghost#run",
                "vcon.agent.chain.methods",
                "no class com.acme.nowhere.Ghost was loaded"))
        .isEqualTo(1);
  }

  /**
   * Fails most runs against the agent at the time of writing: {@code PipelineStartup} retransforms
   * every loaded candidate class once the pipeline is up, including the host classes the
   * transformer already wove when they were defined; the second weave registers new method ids with
   * fresh expression bindings, so a missing step is reported a second time (e.g. for
   * MemoryStorage#save(String)). Left enabled: it blocks no other check.
   */
  @Test
  void aMissingStepIsOneLineOnceNotOncePerCall() {
    // process() met a String context twice (V3, V5): one line.
    assertThat(count(problems, "'this.context.traceparent'")).as("%s", problems).isEqualTo(1);
    assertThat(
            count(
                problems,
                "'this.context.traceparent'",
                "step 'traceparent'",
                "java.lang.String",
                HOST + "ChainRequest#process()"))
        .isEqualTo(1);
    // this.label is missing on every storage class; the agent names the woven method in each line,
    // so one line per method that ran, never repeated: MemoryStorage#save(String) wrote four times.
    // (MemoryStorage, ListStorage, FailingStorage, SleepingStorage, CachedBlobStore: at most five.)
    List<String> label =
        problems.stream().filter(l -> l.contains("'this.label'")).collect(Collectors.toList());
    assertThat(label)
        .isNotEmpty()
        .allMatch(l -> l.contains("step 'label'"))
        .doesNotHaveDuplicates()
        .hasSizeLessThanOrEqualTo(5);
    assertThat(count(label, "Storages$MemoryStorage#save(String)")).isEqualTo(1);
  }

  @Test
  void nothingElseIsReported() {
    Predicate<String> known =
        l ->
            l.contains("vcon.agent.link.")
                || l.contains("#noSuchMethod")
                || l.contains("Ghost#run")
                || l.contains("'this.context.traceparent'")
                || l.contains("'this.label'")
                || l.contains("hostile chain name");
    assertThat(problems).allMatch(known);
    // the hostile name (a toString() that throws) loses that value only: no internal error
    assertThat(count(problems, "internal error")).isZero();
  }

  @Test
  void theRoleWithABadSettingIsOff() {
    assertThat(store.spansByNamePrefix("link.")).isEmpty();
    assertThat(store.metricNames()).noneMatch(n -> n.startsWith("conserver.link."));
  }

  @Test
  void theChainRoleStillWorksWithItsOneMatchingSelector() {
    Map<String, Long> roots =
        store.spansByNamePrefix("vcon_processing.").stream()
            .collect(Collectors.groupingBy(SpanRecord::name, Collectors.counting()));
    assertThat(roots)
        .containsAllEntriesOf(
            Map.of(
                "vcon_processing.alpha",
                3L,
                "vcon_processing.beta",
                3L,
                "vcon_processing.gamma",
                2L,
                "vcon_processing.delta",
                1L));
    assertThat(
            totals(store, "conserver.main_loop.count_vcons_processed", p -> attr(p, "chain.name")))
        .containsAllEntriesOf(ChainScenarioBase.PROCESSED);
    // this.context.traceparent: read from a Map (V2), no value on a String (V3) or map without it
    // (V1).
    assertThat(root(store, "V2").links())
        .extracting(l -> l.traceId())
        .containsExactly(ChainHostMain.T2);
    assertThat(root(store, "V1").links()).isEmpty();
    assertThat(root(store, "V3").links()).isEmpty();
    ChainScenarioBase.verifyMetricShapes(store);
  }

  @Test
  void theStorageRoleStillWorksWithItsNameUnknown() {
    // Eight writes: V1 (two), V7, V8, V9 (two: mem, and blob through the unwoven "archive" link),
    // the orphan V10 and V13 (written by V12's unwoven link).
    assertThat(store.spansByNamePrefix("storage."))
        .hasSize(8)
        .allSatisfy(s -> assertThat(s.name()).isEqualTo("storage.unknown"))
        .allSatisfy(s -> assertThat(s.attributes()).containsEntry("storage_name", "unknown"));
    assertThat(children(store, root(store, "V1")))
        .extracting(SpanRecord::name)
        .containsExactly("storage.unknown", "storage.unknown");
    assertThat(children(store, root(store, "V7")))
        .singleElement()
        .satisfies(s -> assertThat(s.attributes()).containsEntry("outcome", "error"));
    assertThat(children(store, root(store, "V9"))).hasSize(2);
    assertThat(
            totals(
                store,
                "conserver.storage.count",
                p -> attr(p, "backend") + "/" + attr(p, "outcome")))
        .isEqualTo(Map.of("unknown/success", 7L, "unknown/error", 1L));
  }
}
