package dev.vcon.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.lambda.host.LambdaLinksMain;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link LambdaLinksMain}, whose links are a lambda, a method reference, a {@code Proxy} and a
 * hidden class, and one of whose storages is a lambda, run with and without the agent: its output
 * is the same byte for byte, every such link and storage has its span under its run, and the one
 * expression a lambda cannot serve ({@code this.label}) is said in one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaLinksIT {

  private static final String HOST = LambdaLinksMain.class.getName() + "$";
  private static final int RUNS = 3;
  private static final List<String> LINKS = List.of("lambda", "method-ref", "proxy", "hidden");
  private static final Duration EXIT = Duration.ofSeconds(120);

  private OtlpReceiver receiver;
  private JvmProcess plain;
  private JvmProcess agent;
  private OtlpStore store;

  @BeforeAll
  void runTheHostTwice() throws Exception {
    Path config = Files.createTempDirectory("lambda-links").resolve("lambdas.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vcon.agent.chain.methods=" + HOST + "Pipeline#process",
            "vcon.agent.chain.name=arg0",
            "vcon.agent.chain.vcon-id=arg1",
            "vcon.agent.link.methods=" + HOST + "Link#apply",
            "vcon.agent.link.name=arg1",
            "vcon.agent.link.vcon-id=arg0",
            "vcon.agent.storage.methods=" + HOST + "Store#save",
            "vcon.agent.storage.name=this.label",
            "vcon.agent.storage.vcon-id=arg0",
            ""),
        StandardCharsets.UTF_8);
    receiver = OtlpReceiver.start();

    plain = host("plain").start();
    assertThat(plain.awaitExit(EXIT)).as("plain host\n%s", plain.outputTails()).isZero();

    agent =
        withAgents(host("agent"), config)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(Protocol.HTTP_PROTOBUF))
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", Protocol.HTTP_PROTOBUF.otelName())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_BSP_SCHEDULE_DELAY", "100")
            .env("OTEL_SERVICE_NAME", "vcon-it-lambdas")
            .start();
    assertThat(agent.awaitExit(EXIT)).as("agent host\n%s", agent.outputTails()).isZero();
    store = receiver.store();
    // a run's links and storages end, and so are exported, before its root
    store.await(
        Duration.ofSeconds(30),
        "every run's root span",
        () -> store.spansByNamePrefix("vcon_processing.").size() == RUNS);
  }

  /** The agents the host runs with: ours alone here. */
  JvmLauncher withAgents(JvmLauncher launcher, Path config) {
    return launcher.javaagent(ItJars.vconAgent(), config.toString());
  }

  /** A stderr line that is not ours but expected: none here. */
  boolean tolerated(String line) {
    return false;
  }

  /** The JVM the host runs on; Java 17 here, Java 25 in {@link LambdaLinksJava25IT}. */
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher;
  }

  private JvmLauncher host(String name) {
    return onJava(JvmLauncher.forTest(getClass().getSimpleName(), name))
        .classpath(ItJars.testClasses())
        .mainClass(LambdaLinksMain.class.getName())
        .args(String.valueOf(RUNS));
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
    assertThat(plain.stdout().lines()).contains("done runs=" + RUNS);
  }

  @Test
  void lambdaMethodReferenceProxyAndHiddenClassLinksEachHaveTheirSpanInEveryRun() {
    List<SpanRecord> roots = store.spansByNamePrefix("vcon_processing.");
    assertThat(roots).hasSize(RUNS);
    for (SpanRecord root : roots) {
      List<String> links =
          store
              .spans(s -> s.parentSpanId().equals(root.spanId()) && s.name().startsWith("link."))
              .stream()
              .map(SpanRecord::name)
              .collect(Collectors.toList());
      assertThat(links)
          .as("links of %s", root.attributes().get("vcon_id"))
          .containsExactlyInAnyOrderElementsOf(
              LINKS.stream().map(l -> "link." + l).collect(Collectors.toList()));
    }
  }

  @Test
  void aLambdaStorageHasItsSpanBesideTheOrdinaryOne() {
    for (SpanRecord root : store.spansByNamePrefix("vcon_processing.")) {
      List<SpanRecord> storages =
          store.spans(
              s -> s.parentSpanId().equals(root.spanId()) && s.name().startsWith("storage."));
      assertThat(storages).hasSize(2);
      assertThat(storages.stream().map(SpanRecord::name)).contains("storage.labelled");
    }
  }

  @Test
  void theExpressionALambdaCannotServeIsSaidOnceAndNothingElseIsReported() {
    List<String> stderr = agent.stderr().lines();
    assertThat(stderr)
        .filteredOn(l -> !l.isBlank() && !tolerated(l))
        .allMatch(l -> l.startsWith("vcon-otel-agent"), "every stderr line is one of ours");
    assertThat(stderr).noneMatch(l -> l.contains("not instrumented"));
    assertThat(stderr.stream().filter(l -> l.contains("this.label")))
        .hasSize(1)
        .allMatch(l -> l.contains("$$Lambda"));
  }
}
