package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.security.host.OneChainRunMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two {@code -javaagent} flags naming our agent (the same jar, or a copy of it elsewhere): it
 * installs once (one start-up line, one span per run) and says so in one stderr line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachedTwiceIT {
  private static final String TEST = "AttachedTwiceIT";
  private static final String TWICE = "vcon-otel-agent: attached more than once";

  private Path dir;
  private Path config;
  private OtlpReceiver receiver;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("attached-twice");
    config = SecurityIt.writeConfig(dir);
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path p : files.collect(Collectors.toList())) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void theSameJarTwiceInstallsOnceAndSaysSoOnce() {
    runAndCheck("same-jar", ItJars.vconAgent());
  }

  @Test
  void aCopyOfTheJarInstallsOnceAndSaysSoOnce() throws Exception {
    Path copy =
        Files.copy(
            ItJars.vconAgent(),
            dir.resolve("vcon-otel-agent-copy.jar"),
            StandardCopyOption.REPLACE_EXISTING);
    runAndCheck("copied-jar", copy);
  }

  @Test
  void onceAttachedSaysNothing() {
    String vconId = "attached-once";
    try (JvmProcess jvm = launcher("once").args(vconId).start()) {
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
      assertThat(jvm.stderr().lines()).noneMatch(l -> l.startsWith(TWICE));
      assertThat(startupLines(jvm)).hasSize(1);
    }
  }

  private void runAndCheck(String name, Path secondJar) {
    String vconId = "attached-twice-" + name;
    try (JvmProcess jvm =
        launcher(name).javaagent(secondJar, config.toString()).args(vconId).start()) {
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
      assertThat(jvm.stdout().lines()).containsExactly("processed " + vconId);
      List<String> stderr = jvm.stderr().lines();
      assertThat(stderr.stream().filter(l -> l.startsWith(TWICE)))
          .as("%s", stderr)
          .containsExactly(
              "vcon-otel-agent: attached more than once (two -javaagent flags, or an attach at run"
                  + " time); the first attachment stays active, the others are ignored");
      assertThat(startupLines(jvm)).as("%s", stderr).hasSize(1);
    }
    OtlpStore store = receiver.store();
    store.await(
        SecurityIt.DELIVERY,
        "the run's span",
        () -> !store.spans(s -> vconId.equals(s.attributes().get("vcon_id"))).isEmpty());
    assertThat(store.spans(s -> vconId.equals(s.attributes().get("vcon_id"))))
        .as("one span for one run: the advice is woven once")
        .hasSize(1);
  }

  private JvmLauncher launcher(String name) {
    return SecurityIt.agentHost(
        TEST,
        name,
        OneChainRunMain.class,
        config,
        receiver.endpoint(Protocol.HTTP_PROTOBUF),
        Protocol.HTTP_PROTOBUF.otelName());
  }

  private static List<String> startupLines(JvmProcess jvm) {
    return jvm.stderr().lines().stream()
        .filter(l -> l.startsWith("vcon-otel-agent ") && l.contains(" started: "))
        .collect(Collectors.toList());
  }
}
