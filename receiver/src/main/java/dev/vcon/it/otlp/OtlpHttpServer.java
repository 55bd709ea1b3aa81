package dev.vcon.it.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * OTLP/HTTP with protobuf bodies on a loopback port (0: picked by the OS), as a collector's 4318
 * listener: POST {@code /v1/traces|metrics|logs}, {@code Content-Encoding: gzip} honoured, 200 with
 * an empty (zero-byte) Export*ServiceResponse on success.
 */
final class OtlpHttpServer implements AutoCloseable {
  private static final String PROTOBUF = "application/x-protobuf";

  private final HttpServer server;
  private final ExecutorService executor;
  private final OtlpStore store;
  private final ReceiverFaults faults;

  /** {@code port} 0 lets the OS pick one; a given port re-opens a stopped receiver's listener. */
  OtlpHttpServer(OtlpStore store, ReceiverFaults faults, int port) {
    this.store = store;
    this.faults = faults;
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the OTLP/HTTP receiver on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    // Several JVMs may export at once; daemon threads so a forgotten receiver never pins the JVM.
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "otlp-http-receiver");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        Signal.TRACES.httpPath(),
        ex -> handle(ex, Signal.TRACES, ExportTraceServiceRequest.parser()));
    server.createContext(
        Signal.METRICS.httpPath(),
        ex -> handle(ex, Signal.METRICS, ExportMetricsServiceRequest.parser()));
    server.createContext(
        Signal.LOGS.httpPath(), ex -> handle(ex, Signal.LOGS, ExportLogsServiceRequest.parser()));
    server.createContext(
        "/", ex -> reply(ex, 404, "unknown OTLP path " + ex.getRequestURI().getPath()));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex, Signal signal, Parser<? extends Message> parser)
      throws IOException {
    try (ex) {
      // createContext matches by prefix; only the exact path is an OTLP endpoint.
      if (!ex.getRequestURI().getPath().equals(signal.httpPath())) {
        reply(ex, 404, "unknown OTLP path " + ex.getRequestURI().getPath());
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, "OTLP export needs POST");
        return;
      }
      if (!mayAnswer(ex)) {
        return;
      }
      String contentType = header(ex, "Content-Type");
      if (!contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
        // http/json is a different protocol; say so instead of recording garbage.
        reply(ex, 415, "only " + PROTOBUF + " is supported, got '" + contentType + "'");
        return;
      }
      String encoding = header(ex, "Content-Encoding").toLowerCase(Locale.ROOT);
      Message request;
      try (InputStream body = decoded(ex.getRequestBody(), encoding)) {
        request = parser.parseFrom(body);
      } catch (InvalidProtocolBufferException | java.util.zip.ZipException e) {
        reply(ex, 400, "undecodable " + signal + " request: " + e.getMessage());
        return;
      }
      store.accept(Protocol.HTTP_PROTOBUF, signal, encoding, header(ex, "User-Agent"), request);
      ex.getResponseHeaders().set("Content-Type", PROTOBUF);
      // An empty Export*ServiceResponse serializes to zero bytes; -1 sends Content-Length: 0.
      ex.sendResponseHeaders(200, -1);
    }
  }

  /** Applies the fault mode: false when the exchange was refused (503) or abandoned. */
  private boolean mayAnswer(HttpExchange ex) throws IOException {
    ReceiverMode mode = faults.mode();
    if (mode == ReceiverMode.HANG) {
      try {
        mode = faults.awaitNotHanging();
      } catch (InterruptedException e) {
        return false; // the receiver stops: the connection just closes
      }
    }
    if (mode == ReceiverMode.REFUSE) {
      ex.getRequestBody().readAllBytes();
      reply(ex, 503, "refusing exports (test fault)");
      return false;
    }
    return true;
  }

  private static InputStream decoded(InputStream body, String encoding) throws IOException {
    return "gzip".equals(encoding) ? new GZIPInputStream(body) : body;
  }

  private static String header(HttpExchange ex, String name) {
    String v = ex.getRequestHeaders().getFirst(name);
    return v == null ? "" : v.trim();
  }

  private static void reply(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
