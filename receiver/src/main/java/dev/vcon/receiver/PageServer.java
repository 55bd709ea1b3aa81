package dev.vcon.receiver;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The live page on a loopback port: static files from the classpath (the page and the uPlot WebJar)
 * and three JSON endpoints the page polls ({@code /api/state}, {@code /api/series}, {@code
 * /api/traces}).
 */
final class PageServer implements AutoCloseable {
  private static final String PAGE = "/dev/vcon/receiver/page/";
  private static final Map<String, String> FILES =
      Map.of(
          "/", PAGE + "index.html",
          "/page.js", PAGE + "page.js",
          "/page.css", PAGE + "page.css",
          "/uplot/uPlot.iife.min.js", "dist/uPlot.iife.min.js",
          "/uplot/uPlot.min.css", "dist/uPlot.min.css");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Gson gson = new GsonBuilder().serializeNulls().create();
  private final String uplotRoot;

  PageServer(int port, PageModel model) {
    this.uplotRoot = "/META-INF/resources/webjars/uplot/" + webJarVersion() + "/";
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the page on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
    executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "receiver-page");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/api/state", ex -> json(ex, model::state));
    server.createContext("/api/series", ex -> json(ex, model::series));
    server.createContext("/api/traces", ex -> json(ex, model::traces));
    server.createContext("/", this::file);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static String webJarVersion() {
    Properties p = new Properties();
    try (InputStream in =
        PageServer.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the uplot WebJar is not on the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private void json(HttpExchange ex, Supplier<Object> body) throws IOException {
    try (ex) {
      byte[] bytes = gson.toJson(body.get()).getBytes(StandardCharsets.UTF_8);
      send(ex, 200, "application/json", bytes);
    }
  }

  private void file(HttpExchange ex) throws IOException {
    try (ex) {
      String name = FILES.get(ex.getRequestURI().getPath());
      if (name == null) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String resource = name.startsWith("/") ? name : uplotRoot + name;
      try (InputStream in = PageServer.class.getResourceAsStream(resource)) {
        if (in == null) {
          send(ex, 500, "text/plain", ("missing " + resource).getBytes(StandardCharsets.UTF_8));
          return;
        }
        send(ex, 200, contentType(name), in.readAllBytes());
      }
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
