package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import dev.vcon.agent.core.identity.PidSource;
import io.opentelemetry.api.common.Attributes;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exports over real OTLP/HTTP to an in-test endpoint that counts the POSTs it receives. */
class EndToEndExportTest {
  private final AtomicInteger metricPosts = new AtomicInteger();
  private final AtomicInteger tracePosts = new AtomicInteger();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int startCollector() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/metrics", exchange -> count(exchange, metricPosts));
    server.createContext("/v1/traces", exchange -> count(exchange, tracePosts));
    server.start();
    return server.getAddress().getPort();
  }

  private static void count(com.sun.net.httpserver.HttpExchange exchange, AtomicInteger counter)
      throws java.io.IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    if ("POST".equals(exchange.getRequestMethod())) {
      counter.incrementAndGet();
    }
    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Test
  void metricsAndSpansReachAnOtlpHttpEndpoint() throws Exception {
    int port = startCollector();
    MapSettings settings =
        MapSettings.of(
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + port,
            "otel.metric.export.interval", "60000");
    List<String> errors = new ArrayList<>();
    TelemetryHolder holder =
        TelemetryHolder.create(
                errors::add,
                PidSource.system(),
                new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT),
                Runnable::run)
            .orElseThrow();
    assertThat(holder.startupLine())
        .endsWith("endpoint=http://127.0.0.1:" + port + "/v1/traces protocol=http/protobuf");

    holder
        .current()
        .metrics()
        .processed()
        .add(1, Attributes.of(ConserverMetrics.CHAIN_NAME, "main"));
    holder.current().tracer().spanBuilder("vcon_processing.main").startSpan().end();
    assertThat(holder.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(metricPosts.get()).isGreaterThanOrEqualTo(1);
    assertThat(tracePosts.get()).isGreaterThanOrEqualTo(1);

    assertThat(holder.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(errors).isEmpty();
  }
}
