package dev.vcon.it.security;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An OTLP/HTTP (protobuf) endpoint over TLS with a certificate made by the test; with {@code
 * needClientAuth} it accepts only clients that present a certificate signed by the test CA. Keeps
 * the names of the spans it received and the subject of each client certificate it saw.
 */
final class TlsCollector implements AutoCloseable {
  private final HttpsServer server;
  private final List<String> spanNames = new CopyOnWriteArrayList<>();
  private final List<String> clientSubjects = new CopyOnWriteArrayList<>();

  TlsCollector(SSLContext context, boolean needClientAuth) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            // Through SSLParameters: the JDK server ignores the bare flag on HttpsParameters.
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
              body = in.readAllBytes();
            }
          }
          if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
            ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(s -> s.getSpansList().stream())
                .forEach(s -> spanNames.add(s.getName()));
          }
          try {
            Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            clientSubjects.add(((X509Certificate) peer[0]).getSubjectX500Principal().getName());
          } catch (SSLPeerUnverifiedException noClientCertificate) {
            // server-only TLS
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  String endpoint() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> spanNames() {
    return spanNames;
  }

  List<String> clientSubjects() {
    return clientSubjects;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
