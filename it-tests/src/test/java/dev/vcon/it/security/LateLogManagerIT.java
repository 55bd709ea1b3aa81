package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.security.host.LateLogManagerMain;
import dev.vcon.it.security.host.LateLogManagerMain.HostLogManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent leaves the host's java.util.logging alone: a host that names its own {@code LogManager}
 * in main, after the agent's pipeline is up, still gets it; and the SDK's export failures (no
 * collector) still reach the agent's one-line notice, through the agent's own logger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateLogManagerIT {
  private static final String TEST = "LateLogManagerIT";
  private static final String OWN_MANAGER = "logmanager " + HostLogManager.class.getName();

  private Path dir;
  private String deadEndpoint;

  @BeforeAll
  void prepare() throws IOException {
    dir = Files.createTempDirectory("late-log-manager");
    SecurityIt.writeConfig(dir);
    try (ServerSocket socket = new ServerSocket(0)) {
      // Closed again at once: nothing listens there during the test.
      deadEndpoint = "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @AfterAll
  void cleanUp() throws IOException {
    Files.deleteIfExists(dir.resolve("vcon-agent.properties"));
    Files.deleteIfExists(dir);
  }

  @Test
  void withoutTheAgentTheHostGetsItsOwnManager() {
    try (JvmProcess jvm =
        SecurityIt.host(TEST, "no-agent", LateLogManagerMain.class).args("late-1").start()) {
      jvm.awaitStdoutLine(l -> l.startsWith("logmanager "), SecurityIt.EXIT);
      jvm.writeStdin("quit");
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
      assertThat(jvm.stdout().lines()).contains(OWN_MANAGER);
    }
  }

  @Test
  void withTheAgentTheHostStillGetsItsOwnManagerAndExportFailuresAreStillNoticed() {
    try (JvmProcess jvm =
        SecurityIt.agentHost(
                TEST,
                "agent",
                LateLogManagerMain.class,
                dir.resolve("vcon-agent.properties"),
                deadEndpoint,
                "http/protobuf")
            .args("late-2")
            .start()) {
      jvm.awaitStdoutLine(l -> l.startsWith("logmanager "), SecurityIt.EXIT);
      String notice =
          jvm.awaitStderrLine(
              l -> l.startsWith("vcon-otel-agent: export to " + deadEndpoint), SecurityIt.EXIT);
      jvm.writeStdin("quit");
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
      assertThat(jvm.stdout().lines()).contains("processed late-2", OWN_MANAGER, "bye");
      assertThat(notice).contains("failing (").endsWith("next notice in 60s");
      assertThat(jvm.stderr().lines())
          .as("the SDK's own JUL output never reaches the host's stderr")
          .noneMatch(l -> l.startsWith("SEVERE:") || l.startsWith("WARNING:"))
          .noneMatch(l -> l.startsWith("\tat "));
    }
  }
}
