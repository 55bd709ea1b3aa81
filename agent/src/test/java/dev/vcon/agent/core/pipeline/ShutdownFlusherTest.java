package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import dev.vcon.agent.core.identity.PidSource;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShutdownFlusherTest {

  private static TelemetryHolder holderExportingTo(String protocol, int port) {
    MapSettings settings =
        MapSettings.of(
            "otel.exporter.otlp.protocol",
            protocol,
            "otel.exporter.otlp.endpoint",
            "http://127.0.0.1:" + port,
            "otel.metric.export.interval",
            "60000");
    List<String> errors = new ArrayList<>();
    TelemetryHolder holder =
        TelemetryHolder.create(
                errors::add,
                PidSource.system(),
                new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT),
                Runnable::run)
            .orElseThrow();
    assertThat(errors).isEmpty();
    return holder;
  }

  @ParameterizedTest
  @ValueSource(strings = {"http/protobuf", "grpc"})
  void shutdownIsBoundedWhenTheCollectorIsDown(String protocol) throws Exception {
    TelemetryHolder holder = holderExportingTo(protocol, TelemetryFactoryTest.closedPort());
    for (int i = 0; i < 50; i++) {
      Span span = holder.current().tracer().spanBuilder("vcon_processing.c").startSpan();
      holder
          .current()
          .metrics()
          .processed()
          .add(1, Attributes.of(ConserverMetrics.CHAIN_NAME, "c"));
      span.end();
    }
    long start = System.nanoTime();
    new ShutdownFlusher(holder, () -> 0).run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(holder.current().isShutdown()).isTrue();
  }

  @Test
  void waitsForInFlightRunsToFinishBeforeFlushing() {
    AtomicLong inFlight = new AtomicLong(3);
    ShutdownFlusher flusher =
        new ShutdownFlusher(
            null,
            () -> inFlight.getAndUpdate(n -> Math.max(0, n - 1)),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1));
    assertThat(flusher.awaitDrained()).isTrue();
    assertThat(inFlight.get()).isZero();
  }

  @Test
  void drainWaitIsBoundedWhenRunsNeverFinish() {
    ShutdownFlusher flusher =
        new ShutdownFlusher(null, () -> 1, Duration.ofMillis(100), Duration.ofSeconds(1));
    long start = System.nanoTime();
    assertThat(flusher.awaitDrained()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
