package dev.vcon.it.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Command-line assembly, without starting anything. */
class JvmLauncherTest {
  @Test
  void commandPutsJvmOptionsInCallOrderBeforeClasspathMainClassAndArgs() {
    JvmLauncher launcher =
        JvmLauncher.forTest("T", "p")
            .java(Path.of("/opt/jdk/bin/java"))
            .javaagent(Path.of("/a/agent.jar"))
            .systemProperty("otel.metric.export.interval", "1000")
            .javaagent(Path.of("/a/other.jar"), "k=v")
            .jvmArgs("-Xmx64m")
            .classpath(Path.of("/c/one"), Path.of("/c/two.jar"))
            .mainClass("x.Main")
            .args("a", "b");

    assertThat(launcher.command())
        .containsExactly(
            "/opt/jdk/bin/java",
            "-javaagent:/a/agent.jar",
            "-Dotel.metric.export.interval=1000",
            "-javaagent:/a/other.jar=k=v",
            "-Xmx64m",
            "-cp",
            "/c/one:/c/two.jar",
            "x.Main",
            "a",
            "b");
  }

  @Test
  void jarRunsWithDashJarAndAbsolutePath() {
    assertThat(
            JvmLauncher.forTest("T", "p")
                .java(Path.of("java"))
                .jar(Path.of("/j/app.jar"))
                .args("--x")
                .command())
        .containsExactly("java", "-jar", "/j/app.jar", "--x");
  }

  @Test
  void needsExactlyOneOfJarAndMainClass() {
    assertThatThrownBy(() -> JvmLauncher.forTest("T", "p").command())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> JvmLauncher.forTest("T", "p").jar(Path.of("a.jar")).mainClass("M").command())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                JvmLauncher.forTest("T", "p")
                    .jar(Path.of("a.jar"))
                    .classpath(Path.of("c"))
                    .command())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-jar ignores -cp");
  }

  @Test
  void logDirIsTheSanitizedTestNameUnderTheLogRoot() {
    assertThat(JvmLauncher.forTest("MyIT.run(grpc) #1", "p").logRoot(Path.of("/logs")).logDir())
        .isEqualTo(Path.of("/logs/MyIT.run_grpc___1"));
  }
}
