package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.security.host.StayUpMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The values of {@code OTEL_EXPORTER_OTLP_HEADERS} (API keys, bearer tokens) appear in no line the
 * agent or the SDK prints, whatever goes wrong: a collector that rejects the key (HTTP 401, gRPC
 * UNAUTHENTICATED) or is unavailable (503), and a malformed header list. All of stdout and stderr
 * of the real JVM, exit included, is searched for the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeaderSecretsIT {
  private static final String TEST = "HeaderSecretsIT";
  private static final String SECRET = "s3cr3t" + UUID.randomUUID().toString().replace("-", "");

  enum Fault {
    HTTP_401(401, "http/protobuf", "x-api-key=" + SECRET + ",authorization=Bearer%20" + SECRET),
    HTTP_503(503, "http/protobuf", "x-api-key=" + SECRET),
    GRPC_UNAUTHENTICATED(401, "grpc", "x-api-key=" + SECRET),
    MALFORMED(401, "http/protobuf", "x-api-key=" + SECRET + "," + SECRET + "-has-no-equals-sign");

    final int status;
    final String protocol;
    final String headers;

    Fault(int status, String protocol, String headers) {
      this.status = status;
      this.protocol = protocol;
      this.headers = headers;
    }
  }

  private Path dir;

  @BeforeAll
  void prepare() throws Exception {
    dir = Files.createTempDirectory("header-secrets");
    SecurityIt.writeConfig(dir);
  }

  @AfterAll
  void cleanUp() throws Exception {
    Files.deleteIfExists(dir.resolve("vcon-agent.properties"));
    Files.deleteIfExists(dir);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void noLineShowsAHeaderValue(Fault fault) throws Exception {
    List<String> output = new ArrayList<>();
    boolean grpc = fault.protocol.equals("grpc");
    try (RejectingCollector http = RejectingCollector.start(fault.status);
        RejectingGrpcCollector rpc = RejectingGrpcCollector.start();
        JvmProcess jvm =
            SecurityIt.agentHost(
                    TEST,
                    fault.name(),
                    StayUpMain.class,
                    dir.resolve("vcon-agent.properties"),
                    grpc ? rpc.endpoint() : http.endpoint(),
                    fault.protocol)
                .env("OTEL_EXPORTER_OTLP_HEADERS", fault.headers)
                .args(fault.name())
                .start()) {
      // The agent says something about the fault: a failing export or a rejected configuration.
      String line = jvm.awaitStderrLine(l -> l.startsWith("vcon-otel-agent: "), SecurityIt.EXIT);
      if (fault != Fault.MALFORMED) {
        // The secret really went out, so an echo of it would have had something to echo.
        Awaitility.await()
            .atMost(SecurityIt.DELIVERY)
            .until(() -> grpc ? rpc.received(SECRET) : http.received(SECRET));
      }
      jvm.writeStdin("quit");
      assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
      output.addAll(jvm.stdout().lines());
      output.addAll(jvm.stderr().lines());
      output.addAll(Files.readAllLines(jvm.logDir().resolve(jvm.name() + ".stderr.log")));
      System.out.println(TEST + " " + fault + " agent line: " + line);
    }
    assertThat(output).as("lines of the run").isNotEmpty().noneMatch(l -> l.contains(SECRET));
    assertThat(output).noneMatch(l -> l.contains(SECRET.substring(0, 12)));
  }
}
