package dev.vcon.it.security;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP endpoint that answers every request with one status (401, 503, ...) and remembers
 * the headers it was sent, so a test can check that the secret really went out.
 */
final class RejectingCollector implements AutoCloseable {
  private final HttpServer server;
  private final List<String> headerValues = new CopyOnWriteArrayList<>();

  private RejectingCollector(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          exchange.getRequestHeaders().values().forEach(headerValues::addAll);
          byte[] reply = ("rejected with " + status).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(status, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
  }

  static RejectingCollector start(int status) throws IOException {
    return new RejectingCollector(status);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Whether any request carried a header value containing {@code text}. */
  boolean received(String text) {
    return headerValues.stream().anyMatch(v -> v.contains(text));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
