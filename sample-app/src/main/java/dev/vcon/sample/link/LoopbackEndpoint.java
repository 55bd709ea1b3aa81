package dev.vcon.sample.link;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP endpoint in this process, on the loopback address and a free port, that {@link
 * HttpLink} calls in place of a remote API. Started once, at the first link that needs it; its
 * threads are daemons, so it never keeps the process alive.
 */
final class LoopbackEndpoint {

  private static URI base;

  private LoopbackEndpoint() {}

  /** {@code http://127.0.0.1:<port>}, starting the endpoint the first time. */
  static synchronized URI base() {
    if (base == null) {
      base = start();
    }
    return base;
  }

  private static URI start() {
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body =
                ("{\"ok\":true,\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.setExecutor(
          Executors.newCachedThreadPool(
              runnable -> {
                Thread thread = new Thread(runnable, "loopback-endpoint");
                thread.setDaemon(true);
                return thread;
              }));
      server.start();
      return URI.create(
          "http://" + loopback.getHostAddress() + ":" + server.getAddress().getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the loopback endpoint", e);
    }
  }
}
