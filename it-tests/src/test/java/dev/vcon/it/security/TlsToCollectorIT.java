package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.security.host.StayUpMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exports reach a collector over TLS whose certificate is signed by a CA the test made ({@code
 * OTEL_EXPORTER_OTLP_CERTIFICATE}), and one that demands a client certificate ({@code
 * OTEL_EXPORTER_OTLP_CLIENT_KEY} / {@code _CLIENT_CERTIFICATE}); without them the export fails with
 * the agent's one-line notice and nothing arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsToCollectorIT {
  private static final String TEST = "TlsToCollectorIT";

  private Path dir;
  private TestCertificates certs;

  @BeforeAll
  void makeCertificates() throws Exception {
    dir = Files.createTempDirectory("tls-to-collector");
    SecurityIt.writeConfig(dir);
    certs = TestCertificates.create(dir);
  }

  @AfterAll
  void cleanUp() throws Exception {
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
  void aCustomCaIsTrusted() throws Exception {
    try (TlsCollector collector = new TlsCollector(certs.serverContext(), false);
        JvmProcess jvm =
            host("custom-ca", collector)
                .env("OTEL_EXPORTER_OTLP_CERTIFICATE", certs.caCert.toString())
                .start()) {
      Awaitility.await()
          .atMost(SecurityIt.DELIVERY)
          .until(() -> collector.spanNames().contains("vcon_processing.probe"));
      stop(jvm);
      assertThat(jvm.stderr().lines()).noneMatch(l -> l.startsWith("vcon-otel-agent: "));
    }
  }

  @Test
  void mutualTlsPresentsTheClientCertificate() throws Exception {
    try (TlsCollector collector = new TlsCollector(certs.serverContext(), true);
        JvmProcess jvm =
            host("mtls", collector)
                .env("OTEL_EXPORTER_OTLP_CERTIFICATE", certs.caCert.toString())
                .env("OTEL_EXPORTER_OTLP_CLIENT_KEY", certs.clientKey.toString())
                .env("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", certs.clientCert.toString())
                .start()) {
      Awaitility.await()
          .atMost(SecurityIt.DELIVERY)
          .until(() -> collector.spanNames().contains("vcon_processing.probe"));
      stop(jvm);
      assertThat(collector.clientSubjects())
          .isNotEmpty()
          .allMatch(s -> s.equals("CN=vcon-it-client"));
      assertThat(jvm.stderr().lines()).noneMatch(l -> l.startsWith("vcon-otel-agent: "));
    }
  }

  @Test
  void withoutTheClientCertificateTheMutualTlsCollectorRefusesAndTheAgentSaysSo() throws Exception {
    try (TlsCollector collector = new TlsCollector(certs.serverContext(), true);
        JvmProcess jvm =
            host("mtls-no-client-cert", collector)
                .env("OTEL_EXPORTER_OTLP_CERTIFICATE", certs.caCert.toString())
                .start()) {
      String notice =
          jvm.awaitStderrLine(
              l -> l.startsWith("vcon-otel-agent: export to " + collector.endpoint()),
              SecurityIt.EXIT);
      stop(jvm);
      System.out.println(TEST + " notice without client certificate: " + notice);
      assertThat(collector.spanNames()).isEmpty();
    }
  }

  @Test
  void withoutTheCaTheCollectorIsNotTrustedAndTheAgentSaysSo() throws Exception {
    try (TlsCollector collector = new TlsCollector(certs.serverContext(), false);
        JvmProcess jvm = host("no-ca", collector).start()) {
      String notice =
          jvm.awaitStderrLine(
              l -> l.startsWith("vcon-otel-agent: export to " + collector.endpoint()),
              SecurityIt.EXIT);
      stop(jvm);
      System.out.println(TEST + " notice without the CA: " + notice);
      assertThat(collector.spanNames()).isEmpty();
    }
  }

  private JvmLauncher host(String name, TlsCollector collector) {
    return SecurityIt.agentHost(
            TEST,
            name,
            StayUpMain.class,
            dir.resolve("vcon-agent.properties"),
            collector.endpoint(),
            "http/protobuf")
        .args(name);
  }

  private static void stop(JvmProcess jvm) {
    jvm.writeStdin("quit");
    assertThat(jvm.awaitExit(SecurityIt.EXIT)).as(jvm.outputTails()).isZero();
  }
}
