package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.security.host.UnsafeProbeMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent defines its bridge in the boot loader through {@code jdk.internal.misc.Unsafe}; doing
 * so must not hand that package to the application. A class-path host probes it with and without
 * the agent and must see exactly the same denials; the bridge must still work (a chain run is
 * traced) and no CDS warning may appear (the bridge is not appended to the boot class path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeOpensNothingIT {
  private static final String TEST = "BridgeOpensNothingIT";
  private static final String VCON_ID = "bridge-probe-1";

  private Path dir;
  private OtlpReceiver receiver;
  private List<String> without;
  private List<String> with;
  private List<String> withStderr;

  @BeforeAll
  void runHostWithAndWithoutAgent() throws Exception {
    dir = Files.createTempDirectory("bridge-opens-nothing");
    receiver = OtlpReceiver.start();
    try (JvmProcess plain =
        SecurityIt.host(TEST, "no-agent", UnsafeProbeMain.class).args(VCON_ID).start()) {
      assertThat(plain.awaitExit(SecurityIt.EXIT)).as(plain.outputTails()).isZero();
      without = probes(plain);
    }
    try (JvmProcess agent =
        SecurityIt.agentHost(
                TEST,
                "agent",
                UnsafeProbeMain.class,
                SecurityIt.writeConfig(dir),
                receiver.endpoint(Protocol.HTTP_PROTOBUF),
                Protocol.HTTP_PROTOBUF.otelName())
            .args(VCON_ID)
            .start()) {
      assertThat(agent.awaitExit(SecurityIt.EXIT)).as(agent.outputTails()).isZero();
      with = probes(agent);
      withStderr = agent.stderr().lines();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("vcon-agent.properties"));
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void withoutTheAgentTheHostIsDenied() {
    assertThat(without)
        .contains(
            "probe reflect getUnsafe java.lang.IllegalAccessException",
            "probe reflect theUnsafe java.lang.reflect.InaccessibleObjectException",
            "probe lookup getUnsafe java.lang.IllegalAccessException",
            "probe exported false",
            "probe open false",
            "probe bridge boot-loaded false");
  }

  @Test
  void withTheAgentTheHostIsDeniedExactlyAsWithout() {
    assertThat(with.stream().filter(l -> !l.startsWith("probe bridge")))
        .containsExactlyElementsOf(
            without.stream()
                .filter(l -> !l.startsWith("probe bridge"))
                .collect(Collectors.toList()));
  }

  @Test
  void theBridgeIsInTheBootLoaderAndAChainRunIsTraced() {
    assertThat(with).contains("probe bridge boot-loaded true");
    OtlpStore store = receiver.store();
    store.await(
        SecurityIt.DELIVERY,
        "the probe's chain span",
        () ->
            store
                    .spans(
                        s ->
                            s.name().equals("vcon_processing.probe")
                                && VCON_ID.equals(s.attributes().get("vcon_id")))
                    .size()
                == 1);
  }

  @Test
  void noCdsWarningAndNoAgentProblemLine() {
    assertThat(withStderr).noneMatch(l -> l.contains(SecurityIt.CDS_LINE));
    assertThat(withStderr)
        .noneMatch(
            l ->
                l.startsWith("vcon-otel-agent: ")
                    && !l.startsWith("vcon-otel-agent: OpenTelemetry SDK"));
  }

  @Test
  void onJava25TheHostIsDeniedToo() throws Exception {
    try (JvmProcess agent =
        SecurityIt.agentHost(
                TEST,
                "agent-java25",
                UnsafeProbeMain.class,
                SecurityIt.writeConfig(dir),
                receiver.endpoint(Protocol.HTTP_PROTOBUF),
                Protocol.HTTP_PROTOBUF.otelName())
            .java25()
            .args(VCON_ID + "-java25")
            .start()) {
      assertThat(agent.awaitExit(SecurityIt.EXIT)).as(agent.outputTails()).isZero();
      assertThat(probes(agent))
          .contains(
              "probe reflect getUnsafe java.lang.IllegalAccessException",
              "probe reflect theUnsafe java.lang.reflect.InaccessibleObjectException",
              "probe exported false",
              "probe open false",
              "probe bridge boot-loaded true");
      assertThat(agent.stderr().lines()).noneMatch(l -> l.contains(SecurityIt.CDS_LINE));
    }
  }

  private static List<String> probes(JvmProcess jvm) {
    return jvm.stdout().lines().stream()
        .filter(l -> l.startsWith("probe "))
        .collect(Collectors.toList());
  }
}
