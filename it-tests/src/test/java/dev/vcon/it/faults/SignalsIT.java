package dev.vcon.it.faults;

import static dev.vcon.it.faults.FaultRun.BOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a signal costs the telemetry. SIGTERM: nothing (the last interval is flushed at exit, shown
 * with hour-long export intervals, so only the exit flush can deliver). SIGKILL: no exit flush, so
 * at most the interval in progress; everything exported before the kill stays exact.
 */
class SignalsIT {
  private static final int COUNT = 60;
  private static final String HOUR_MS = "3600000";

  /** The SDK's default span queue and batch: no drops, so spans can be counted exactly. */
  private static final Map<String, String> DEFAULT_QUEUE =
      Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "2048", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "512");

  @TempDir Path dir;

  @Test
  void sigtermFlushesTheLastIntervalExactly() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FaultRun run =
            FaultRun.start(
                "SignalsIT.sigterm",
                dir,
                receiver,
                Protocol.GRPC,
                Map.of(
                    "OTEL_METRIC_EXPORT_INTERVAL",
                    HOUR_MS,
                    "OTEL_BSP_SCHEDULE_DELAY",
                    HOUR_MS,
                    "OTEL_BSP_MAX_QUEUE_SIZE",
                    "2048",
                    "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
                    "512"))) {
      run.workerPid();
      run.produce(COUNT);
      run.awaitStored(COUNT, "before SIGTERM");
      OtlpStore store = receiver.store();
      assertThat(FaultRun.runsCounted(store)).as("nothing exported on schedule yet").isZero();

      assertThat(run.stopAndCountRuns()).isEqualTo(COUNT);

      assertThat(FaultRun.runsCounted(store)).as("runs flushed at exit").isEqualTo(COUNT);
      assertThat(FaultRun.spansReceived(store))
          .as("spans flushed at exit")
          .isEqualTo(COUNT * FaultRun.SPANS_PER_VCON);
    }
  }

  @Test
  void sigkillKeepsEverythingExportedBeforeItExact() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FaultRun run =
            FaultRun.start(
                "SignalsIT.sigkill", dir, receiver, Protocol.HTTP_PROTOBUF, DEFAULT_QUEUE)) {
      long worker = run.workerPid();
      run.produce(COUNT);
      run.awaitStored(COUNT, "before SIGKILL");
      OtlpStore store = receiver.store();
      // The next interval (500 ms) exports the last runs: that is the most a kill can take.
      store.await(BOUND, "all runs exported", () -> FaultRun.runsCounted(store) == COUNT);
      store.await(
          BOUND,
          "all spans exported",
          () -> FaultRun.spansReceived(store) == COUNT * FaultRun.SPANS_PER_VCON);

      ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
      ProcessHandle.of(worker).ifPresent(h -> h.onExit().join());

      // Still exact: no export after the kill took anything back or double-counted.
      assertThat(FaultRun.runsCounted(store)).isEqualTo(COUNT);
      assertThat(FaultRun.spansReceived(store)).isEqualTo(COUNT * FaultRun.SPANS_PER_VCON);
    }
  }
}
