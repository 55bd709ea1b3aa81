package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import dev.vcon.agent.core.identity.PidSource;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShutdownFlusherTest {

  /** Only turns a hang into a failure: nothing in these tests waits on real time otherwise. */
  private static final long HANG_GUARD_MINUTES = 2;

  @Test
  void shutdownEndsAfterTheFlushTimeoutWhenTheExportNeverCompletes() throws Exception {
    HungExporter hung = new HungExporter();
    TelemetryHolder holder = holderExportingSpansTo(hung);
    holder.current().tracer().spanBuilder("vcon_processing.c").startSpan().end();
    holder.flush(Duration.ZERO);
    assertThat(hung.awaitExport(HANG_GUARD_MINUTES, TimeUnit.MINUTES))
        .as("an export started")
        .isTrue();
    ShutdownFlusher flusher =
        new ShutdownFlusher(
            holder, () -> 0, () -> {}, Duration.ofSeconds(1), Duration.ofMillis(200));

    // the export and the exporter's shutdown never complete, and the span processor would wait
    // an hour for them: run() returning at all means the flusher's own timeout ended the wait
    CompletableFuture.runAsync(flusher).get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);

    assertThat(holder.current().isShutdown()).isTrue();
  }

  @Test
  void waitsForInFlightRunsToFinishBeforeFlushing() {
    FakeClock clock = new FakeClock();
    AtomicLong inFlight = new AtomicLong(3);
    ShutdownFlusher flusher =
        new ShutdownFlusher(
            null,
            () -> inFlight.getAndUpdate(n -> Math.max(0, n - 1)),
            () -> {},
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            clock::nanoTime,
            clock::park);

    assertThat(flusher.awaitDrained()).isTrue();
    assertThat(inFlight.get()).isZero();
    assertThat(clock.parks).isEqualTo(3);
  }

  @Test
  void drainWaitsTheWholeDrainTimeoutThenGivesUpWhenRunsNeverFinish() {
    FakeClock clock = new FakeClock();
    Duration drainTimeout = Duration.ofSeconds(10);
    ShutdownFlusher flusher =
        new ShutdownFlusher(
            null,
            () -> 1,
            () -> {},
            drainTimeout,
            Duration.ofSeconds(1),
            clock::nanoTime,
            clock::park);

    assertThat(flusher.awaitDrained()).isFalse();
    assertThat(Duration.ofNanos(clock.now - FakeClock.START))
        .isGreaterThanOrEqualTo(drainTimeout)
        .isLessThanOrEqualTo(drainTimeout.plusMillis(10));
  }

  @Test
  void drainGivesUpWhenTheInFlightCountCannotBeRead() {
    FakeClock clock = new FakeClock();
    ShutdownFlusher flusher =
        new ShutdownFlusher(
            null,
            () -> {
              throw new IllegalStateException("tracker gone");
            },
            () -> {},
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            clock::nanoTime,
            clock::park);

    assertThat(flusher.awaitDrained()).isFalse();
    assertThat(clock.parks).isZero();
  }

  private static TelemetryHolder holderExportingSpansTo(SpanExporter exporter) {
    MapSettings settings =
        MapSettings.of(
            "otel.exporter.otlp.endpoint",
            "http://127.0.0.1:1",
            // the span processor waits this long for an export: far beyond the hang guard
            "otel.bsp.export.timeout",
            "3600000",
            "otel.metrics.exporter",
            "none",
            "otel.logs.exporter",
            "none");
    List<String> errors = new ArrayList<>();
    TelemetryHolder holder =
        TelemetryHolder.create(
                errors::add,
                PidSource.system(),
                new TelemetryFactory(
                    settings.otel(),
                    InstanceIdSetting.DEFAULT,
                    builder -> builder.addSpanExporterCustomizer((otlp, config) -> exporter)),
                Runnable::run)
            .orElseThrow();
    assertThat(errors).isEmpty();
    return holder;
  }

  /** Time that moves only when the flusher pauses. */
  private static final class FakeClock {
    static final long START = 1_000;
    long now = START;
    int parks;

    long nanoTime() {
      return now;
    }

    void park(long nanos) {
      now += nanos;
      parks++;
    }
  }

  /** A collector hung mid-request: exports and the shutdown are accepted and never complete. */
  private static final class HungExporter implements SpanExporter {
    private final CountDownLatch exported = new CountDownLatch(1);

    boolean awaitExport(long timeout, TimeUnit unit) throws InterruptedException {
      return exported.await(timeout, unit);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported.countDown();
      return new CompletableResultCode();
    }

    @Override
    public CompletableResultCode flush() {
      return new CompletableResultCode();
    }

    @Override
    public CompletableResultCode shutdown() {
      return new CompletableResultCode();
    }
  }
}
