package dev.vcon.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority, a server certificate for 127.0.0.1 and a client certificate, all made by
 * {@code openssl} for one test run, as PEM files (the form the {@code OTEL_EXPORTER_OTLP_*}
 * settings take) plus the server's PKCS#12 key store.
 */
final class TestCertificates {
  static final String PASSWORD = "changeit";

  final Path caCert;
  final Path clientKey;
  final Path clientCert;
  final Path serverKeyStore;

  private TestCertificates(Path dir) {
    this.caCert = dir.resolve("ca.pem");
    this.clientKey = dir.resolve("client.key");
    this.clientCert = dir.resolve("client.pem");
    this.serverKeyStore = dir.resolve("server.p12");
  }

  static TestCertificates create(Path dir) throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=vcon-it-test-ca");
    for (String party : new String[] {"server", "client"}) {
      openssl(
          dir,
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          party + ".key",
          "-out",
          party + ".csr",
          "-subj",
          "/CN=vcon-it-" + party);
      openssl(
          dir,
          "x509",
          "-req",
          "-in",
          party + ".csr",
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          party + ".pem",
          "-days",
          "2",
          "-extfile",
          party + ".ext");
    }
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        "server.pem",
        "-inkey",
        "server.key",
        "-out",
        "server.p12",
        "-passout",
        "pass:" + PASSWORD);
    return certs;
  }

  /** The server's TLS context; it trusts client certificates signed by the test CA. */
  SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverKeyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      trust.setCertificateEntry(
          "ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl %s", command).isTrue();
    assertThat(process.exitValue())
        .as("openssl %s: %s", command, Files.readString(dir.resolve("openssl.log")))
        .isZero();
  }
}
