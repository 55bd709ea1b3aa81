package dev.vcon.it.oddshapes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.oddshapes.host.OddMain;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link OddMain}, a host whose chain, link and storage methods have unusual shapes (static,
 * varargs, primitive and array arguments, generic bridges, a default method, void and primitive
 * returns, checked exceptions and an {@code Error} thrown through, synchronized methods, a record,
 * enum constants with bodies, a class loaded by another agent before premain, a plugin class loader
 * made at run time), configured only by a properties file. Run with and without the agent (both
 * times behind the other agent): the output is the same byte for byte, and each run has exactly its
 * root and child spans, with error status where something was thrown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddShapesIT {
  static final String HOST = "dev.vcon.it.oddshapes.host.";
  static final Duration EXIT = Duration.ofSeconds(120);
  static final Duration DELIVERY = Duration.ofSeconds(30);

  /** Each run's chain name and the names of its child spans, in call order. */
  static final Map<String, List<String>> EXPECTED =
      new TreeMap<>(
          Map.of(
              "static-varargs", List.of("link.trim", "link.upper", "link.suffix"),
              "synchronized-int", List.of("link.count", "link.sum", "link.touch"),
              "bridge-long", List.of("link.reverse", "link.double"),
              "default-double",
                  List.of("link.weigh", "link.audit", "storage.shelf", "storage.archive"),
              "checked-void", List.of("link.trim"),
              "error", List.of("link.explode"),
              "plugin", List.of("link.plugin", "storage.plugin-shelf"),
              "too-large", List.of(),
              "preloaded-boolean", List.of("link.early", "link.load")));

  private OtlpReceiver receiver;
  private JvmProcess plain;
  private Path redefinitions;
  private JvmProcess agent;
  private OtlpStore store;

  @BeforeAll
  void runTheHostWithAndWithoutTheAgent() throws Exception {
    Path dir = Files.createTempDirectory("odd-shapes");
    Path hostClasses = OddShapesFiles.hostClassPath(dir.resolve("host"));
    OddShapesFiles.compileTooLargeLink(hostClasses, dir.resolve("src"));
    Path pluginJar = OddShapesFiles.pluginJar(dir.resolve("plugin.jar"));
    Path preloader = OddShapesFiles.preloaderAgentJar(dir.resolve("preloader.jar"));
    Path config = dir.resolve("odd.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vcon.agent.chain.methods="
                + String.join(
                    ",",
                    HOST + "Chains#runStatic",
                    HOST + "Chains#runCounted",
                    HOST + "Chains#runTotal",
                    HOST + "Chains#runScore",
                    HOST + "Chains#runAccepted",
                    HOST + "Chains#runFailing",
                    HOST + "Chains#runBroken",
                    HOST + "Chains#runPlugin"),
            "vcon.agent.chain.name=arg0.chain",
            "vcon.agent.chain.vcon-id=arg0.vconId",
            "vcon.agent.link.methods="
                + String.join(
                    ",",
                    HOST + "Step#apply",
                    HOST + "Link#transform",
                    HOST + "Audit#check",
                    HOST + "Statics#count",
                    HOST + "Statics#sum",
                    HOST + "Statics#touch",
                    HOST + "Statics#weigh",
                    HOST + "Statics#explode",
                    HOST + "Loader#load"),
            "vcon.agent.link.name=arg1",
            "vcon.agent.link.vcon-id=arg0",
            "vcon.agent.link.index=arg2",
            "vcon.agent.storage.methods=" + HOST + "Shelf#put",
            "vcon.agent.storage.name=arg1",
            "vcon.agent.storage.vcon-id=arg0",
            ""),
        StandardCharsets.UTF_8);
    receiver = OtlpReceiver.start();

    plain = host("plain", hostClasses, preloader, pluginJar).start();
    plain.writeStdin("go");
    assertThat(plain.awaitExit(EXIT)).as("plain host\n%s", plain.outputTails()).isZero();

    redefinitions = dir.resolve("redefinitions.log");
    agent =
        host("agent", hostClasses, preloader, pluginJar)
            .jvmArgs("-Xlog:redefine+class*=info:file=" + redefinitions)
            .javaagent(ItJars.vconAgent(), config.toString())
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(Protocol.HTTP_PROTOBUF))
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", Protocol.HTTP_PROTOBUF.otelName())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_SERVICE_NAME", "vcon-it-odd-shapes")
            .start();
    // The class the other agent loaded is woven by retransformation once the pipeline is up;
    // the start-up line is printed after that.
    agent.awaitStderrLine(l -> l.contains(" started: service.instance.id="), EXIT);
    agent.writeStdin("go");
    assertThat(agent.awaitExit(EXIT)).as("agent host\n%s", agent.outputTails()).isZero();
    store = receiver.store();
    store.await(
        DELIVERY,
        "a root span per run",
        () -> store.spansByNamePrefix("vcon_processing.").size() >= EXPECTED.size());
  }

  /** The JVM the host runs on; Java 17 here, Java 25 in {@link OddShapesJava25IT}. */
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher;
  }

  private JvmLauncher host(String name, Path classes, Path preloader, Path pluginJar) {
    return onJava(JvmLauncher.forTest(getClass().getSimpleName(), name))
        .jvmArgs("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .javaagent(preloader)
        .classpath(classes)
        .mainClass(OddMain.class.getName())
        .args(pluginJar.toString());
  }

  @AfterAll
  void stop() {
    for (JvmProcess jvm : new JvmProcess[] {plain, agent}) {
      if (jvm != null) {
        jvm.close();
      }
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void theHostsOutputIsByteForByteTheSameWithTheAgent() {
    assertThat(agent.stdout().text()).isEqualTo(plain.stdout().text());
    assertThat(plain.stdout().lines())
        .contains(
            "checked-void threw java.io.IOException: broken pipe same=true",
            "error threw dev.vcon.it.oddshapes.host.OddError: odd error same=true",
            "plugin plug-in loader=odd-plugins",
            "preloaded-boolean true go=go",
            "done");
  }

  @Test
  void eachRunHasExactlyItsRootAndChildSpans() {
    List<SpanRecord> roots = store.spansByNamePrefix("vcon_processing.");
    assertThat(roots)
        .extracting(SpanRecord::name)
        .containsExactlyInAnyOrderElementsOf(
            EXPECTED.keySet().stream()
                .map(c -> "vcon_processing." + c)
                .collect(Collectors.toList()));
    for (SpanRecord root : roots) {
      String chain = root.name().substring("vcon_processing.".length());
      assertThat(root.isRoot()).isTrue();
      assertThat(
              store.spans(s -> s.traceId().equals(root.traceId())).stream()
                  .filter(s -> !s.isRoot())
                  .sorted(java.util.Comparator.comparingLong(SpanRecord::startEpochNanos))
                  .map(s -> s.name() + (s.parentSpanId().equals(root.spanId()) ? "" : " (orphan)"))
                  .collect(Collectors.toList()))
          .as("child spans of %s: one per call, a bridge and its method are one", chain)
          .containsExactlyElementsOf(EXPECTED.get(chain));
    }
    int expectedSpans = EXPECTED.size() + EXPECTED.values().stream().mapToInt(List::size).sum();
    assertThat(store.spans()).hasSize(expectedSpans);
  }

  @Test
  void whatWasThrownThroughIsAnErrorAndEverythingElseIsNot() {
    List<String> errors =
        store.spans(s -> "ERROR".equals(s.statusCode())).stream()
            .map(s -> s.name() + " " + s.attributes().get("vcon_id"))
            .collect(Collectors.toList());
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "vcon_processing.checked-void vcon-5",
            "vcon_processing.error vcon-6",
            "link.explode vcon-6",
            "link.load vcon-8");
    assertThat(onlySpan("link.load").statusMessage()).isEqualTo("no such ticket");
    assertThat(onlySpan("vcon_processing.checked-void").statusMessage()).isEqualTo("broken pipe");
    assertThat(onlySpan("link.explode").statusMessage()).isEqualTo("odd error");
    assertThat(onlySpan("link.load").events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("exception");
              assertThat(e.attributes())
                  .containsEntry("exception.type", "java.io.FileNotFoundException")
                  .containsEntry("exception.message", "no such ticket");
              assertThat((String) e.attributes().get("exception.stacktrace"))
                  .startsWith("java.io.FileNotFoundException: no such ticket");
            });
  }

  @Test
  void primitiveArgumentsAndReturnsAreReadAsValues() {
    assertThat(onlySpan("link.sum").attributes()).containsEntry("link_index", 1L);
    assertThat(onlySpan("link.audit").attributes())
        .containsEntry("link_index", 1L)
        .containsEntry("outcome", "success");
    assertThat(onlySpan("link.touch").attributes())
        .as("a void link returns nothing: conserver's halt")
        .containsEntry("outcome", "halt");
    assertThat(onlySpan("link.weigh").attributes()).containsEntry("outcome", "success");
    assertThat(onlySpan("storage.archive").attributes()).containsEntry("vcon_id", "vcon-4");
  }

  @Test
  void aClassThatCannotBeInstrumentedRunsAsItIsWithOneLineSaid() {
    List<String> stderr =
        agent.stderr().lines().stream().filter(l -> !l.isBlank()).collect(Collectors.toList());
    assertThat(stderr)
        .filteredOn(l -> !l.contains(" started: service.instance.id="))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith(
                        "vcon-otel-agent: could not instrument dev.vcon.it.oddshapes.host.Bulky")
                    .contains("it runs uninstrumented"));
    assertThat(stderr).hasSize(2);
    assertThat(plain.stderr().lines()).allMatch(String::isBlank);
  }

  /**
   * A redefinition throws away the compiled code that depends on the class, so the agent redefines
   * only classes its transformer never saw (loaded before premain), never one loaded after it that
   * had nothing to weave (a selector's interface), which on a busy host meant a deoptimisation
   * storm mid-run.
   */
  @Test
  void onlyClassesLoadedBeforePremainAreRedefined() throws Exception {
    List<String> redefined =
        Files.readAllLines(redefinitions).stream()
            .filter(l -> l.contains("redefined name="))
            .map(l -> l.replaceAll(".*redefined name=([^,]+),.*", "$1"))
            .filter(n -> n.startsWith(HOST))
            .distinct()
            .collect(Collectors.toList());
    assertThat(redefined)
        .as(
            "host classes redefined (EarlyStep and its Step interface were loaded by another"
                + " agent)")
        .containsExactlyInAnyOrder(HOST + "EarlyStep", HOST + "Step");
  }

  private SpanRecord onlySpan(String name) {
    List<SpanRecord> found = store.spans(s -> s.name().equals(name));
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }
}
