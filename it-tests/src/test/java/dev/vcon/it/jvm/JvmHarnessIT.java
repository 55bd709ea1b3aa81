package dev.vcon.it.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.it.fixtures.FixtureMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The harness against real child JVMs running {@link FixtureMain}. */
class JvmHarnessIT {
  private static final Duration START = Duration.ofSeconds(30);

  private static JvmLauncher fixture(TestInfo info, String name, String... commands) {
    return JvmLauncher.forTest("JvmHarnessIT." + info.getTestMethod().orElseThrow().getName(), name)
        // Child start-up dominates these tests; C1 only and serial GC start fastest.
        .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .classpath(ItJars.testClasses())
        .mainClass(FixtureMain.class.getName())
        .args(commands);
  }

  @Test
  void capturesStdoutStderrAndExitCodeInMemoryAndInLogFiles(TestInfo info) throws Exception {
    try (JvmProcess jvm =
        fixture(info, "child", "print-env VCON_IT_PROBE".split(" "))
            .args("stderr", "something on stderr", "exit", "7")
            .env("VCON_IT_PROBE", "hello")
            .start()) {
      assertThat(jvm.awaitExit(START)).isEqualTo(7);

      assertThat(jvm.stdout().lines())
          .containsExactly("ready pid=" + jvm.pid(), "env VCON_IT_PROBE=hello");
      assertThat(jvm.stderr().lines()).containsExactly("something on stderr");
      assertThat(jvm.logDir())
          .endsWith(Path.of("JvmHarnessIT.capturesStdoutStderrAndExitCodeInMemoryAndInLogFiles"));
      assertThat(Files.readAllLines(jvm.stdout().file())).isEqualTo(jvm.stdout().lines());
      assertThat(Files.readAllLines(jvm.stderr().file())).containsExactly("something on stderr");
      assertThat(Files.readString(jvm.logDir().resolve("child.cmd.txt")))
          .contains("env: VCON_IT_PROBE=hello")
          .contains(FixtureMain.class.getName());
    }
  }

  @Test
  void inheritedOtelVariablesAreRemovedAndOverridesApplied(TestInfo info) {
    // The pom gives the failsafe JVM OTEL_VCON_IT_CANARY, standing in for a developer's own OTEL_*.
    assertThat(System.getenv("OTEL_VCON_IT_CANARY")).isEqualTo("inherited");
    try (JvmProcess jvm =
        fixture(
                info,
                "child",
                "print-env",
                "OTEL_VCON_IT_CANARY",
                "print-env",
                "OTEL_EXPORTER_OTLP_ENDPOINT")
            .args("print-env", "HOME", "exit", "0")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")
            .removeEnv("HOME")
            .start()) {
      assertThat(jvm.awaitExit(START)).isZero();
      assertThat(jvm.stdout().lines())
          .contains(
              "env OTEL_VCON_IT_CANARY=null",
              "env OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:1",
              "env HOME=null");
    }
  }

  @Test
  void inheritOtelEnvKeepsTheTestJvmsOtelVariables(TestInfo info) {
    try (JvmProcess jvm =
        fixture(info, "child", "print-env", "OTEL_VCON_IT_CANARY", "exit", "0")
            .inheritOtelEnv()
            .start()) {
      assertThat(jvm.awaitExit(START)).isZero();
      assertThat(jvm.stdout().lines()).contains("env OTEL_VCON_IT_CANARY=inherited");
    }
  }

  @Test
  void runsInTheGivenWorkingDirectory(TestInfo info, @TempDir Path dir) {
    try (JvmProcess jvm =
        fixture(info, "child", "print-prop", "user.dir", "exit", "0").workingDir(dir).start()) {
      jvm.awaitExit(START);
      assertThat(jvm.stdout().lines()).contains("prop user.dir=" + dir.toAbsolutePath());
    }
  }

  @Test
  void awaitLineReturnsTheMatchingLineAndPidMatchesTheChild(TestInfo info) {
    try (JvmProcess jvm = fixture(info, "child", "echo-stdin", "hang").start()) {
      String ready = jvm.awaitStdoutLine(l -> l.startsWith("ready"), START);
      assertThat(ready).isEqualTo("ready pid=" + jvm.pid());
      jvm.writeStdin("ping");
      assertThat(jvm.stdout().awaitLineContaining("stdin:", START)).isEqualTo("stdin: ping");
      assertThat(jvm.isAlive()).isTrue();
    }
  }

  @Test
  void awaitLineFailsFastWithTheOutputTailWhenTheStreamEndsWithoutAMatch(TestInfo info) {
    try (JvmProcess jvm = fixture(info, "child", "exit", "0").start()) {
      // It gives up because stdout closed, not because the wait ran out: running out says
      // "no matching ... line ... within", which these assertions reject.
      assertThatThrownBy(
              () -> jvm.stdout().awaitLineContaining("never printed", Duration.ofMinutes(2)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("ended without a matching line")
          .hasMessageNotContaining("within")
          .hasMessageContaining("ready pid=");
    }
  }

  @Test
  void awaitExitFailsWithOutputWhenTheJvmKeepsRunning(TestInfo info) {
    try (JvmProcess jvm = fixture(info, "child", "hang").start()) {
      jvm.awaitStdoutLine(l -> l.startsWith("ready"), START);
      assertThatThrownBy(() -> jvm.awaitExit(Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("still running")
          .hasMessageContaining("ready pid=");
    }
  }

  @Test
  void sendTermRunsShutdownHooksAndExitsWith143(TestInfo info) {
    try (JvmProcess jvm = fixture(info, "child", "hook", "hang").start()) {
      // Wait for the hook, not just start-up: TERM before registration would skip it.
      jvm.stdout().awaitLineContaining("hook installed", START);
      jvm.sendTerm();
      assertThat(jvm.awaitExit(START)).isEqualTo(143);
      assertThat(jvm.stdout().lines()).contains("shutdown-hook ran");
    }
  }

  @Test
  void closeKillsTheWholeProcessTree(TestInfo info) throws Exception {
    JvmProcess jvm = fixture(info, "parent", "spawn-child", "hang").start();
    long childPid;
    try {
      String line = jvm.awaitStdoutLine(l -> l.startsWith("child pid="), START);
      childPid = Long.parseLong(line.substring("child pid=".length()));
      assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).hasValue(true);
    } finally {
      jvm.close();
    }
    assertThat(jvm.isAlive()).isFalse();
    // a wait on the grandchild's exit; the bound only turns a survivor into a failure
    Optional<ProcessHandle> child = ProcessHandle.of(childPid);
    if (child.isPresent()) {
      child.get().onExit().get(START.toSeconds(), TimeUnit.SECONDS);
    }
    assertThat(alive(childPid)).isFalse();
  }

  @Test
  void closeKillsForciblyAJvmWhoseShutdownHookNeverEnds(TestInfo info) {
    JvmProcess jvm =
        fixture(info, "child", "stubborn-hook", "hang").killGrace(Duration.ofMillis(500)).start();
    jvm.stdout().awaitLineContaining("stubborn hook installed", START);
    jvm.close();
    assertThat(jvm.isAlive()).isFalse();
    // 128 + SIGKILL: SIGTERM alone could not end it.
    assertThat(jvm.awaitExit(START)).isEqualTo(137);
  }

  @Test
  void runsUnderJava25WhenAsked(TestInfo info) {
    try (JvmProcess jvm =
        fixture(info, "child", "print-prop", "java.specification.version", "exit", "0")
            .java25()
            .start()) {
      assertThat(jvm.awaitExit(START)).isZero();
      assertThat(jvm.stdout().lines()).contains("prop java.specification.version=25");
    }
  }

  @Test
  void sameProcessNameTwiceInOneTestGetsSeparateLogFiles(TestInfo info) {
    try (JvmProcess a = fixture(info, "twin", "exit", "0").start();
        JvmProcess b = fixture(info, "twin", "exit", "0").start()) {
      a.awaitExit(START);
      b.awaitExit(START);
      assertThat(a.stdout().file()).isNotEqualTo(b.stdout().file());
      assertThat(b.name()).isEqualTo("twin-2");
    }
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    return h.isPresent() && h.get().isAlive();
  }
}
