package dev.vcon.it.faults;

import static dev.vcon.it.faults.FaultRun.BOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.ReceiverMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is down, killed and restarted, refusing, or hung never holds the host: the host
 * stores every vCon while the collector is in trouble (its own stdout says so; the waits are
 * liveness bounds, no speed is asserted), the SDK's bounded span queue (capacity {@value
 * FaultRun#QUEUE}) drops what it cannot hold and the agent counts the drops, and once the collector
 * answers again the cumulative run counters are exact and every span is accounted for: received,
 * dropped at the queue, or failed at export, each counted.
 */
class CollectorFaultsIT {
  private static final int COUNT = 150;

  @TempDir Path dir;

  @Test
  void aCollectorDownFromTheStartCostsTheHostNothingAndTheCountersAreExactOnceItIsUp() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.stop();
      try (FaultRun run =
          FaultRun.start("CollectorFaultsIT.down", dir, receiver, Protocol.GRPC, Map.of())) {
        run.workerPid();
        run.produce(COUNT);
        run.awaitStored(COUNT, "with the collector down");

        receiver.restart();
        healedExactly(receiver.store(), run, COUNT);
        assertThat(FaultRun.spansDropped(receiver.store()))
            .as("spans dropped while down, counted by the agent")
            .isPositive();
        assertThat(
                FaultRun.latest(
                    receiver.store(), "otel.sdk.processor.span.queue.capacity", p -> true))
            .as("the SDK's bounded queue, sized by otel.bsp.max.queue.size")
            .isEqualTo(FaultRun.QUEUE);
      }
    }
  }

  @Test
  void aCollectorKilledMidRunAndRestartedOnTheSamePortGetsExactCountersAgain() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FaultRun run =
            FaultRun.start(
                "CollectorFaultsIT.killed", dir, receiver, Protocol.HTTP_PROTOBUF, Map.of())) {
      run.workerPid();
      run.produce(COUNT / 2);
      run.awaitStored(COUNT / 2, "before the kill");
      receiver
          .store()
          .await(
              BOUND,
              "first half counted",
              () -> FaultRun.runsCounted(receiver.store()) == COUNT / 2);

      receiver.stop();
      run.produce(COUNT - COUNT / 2);
      run.awaitStored(COUNT, "with the collector killed");

      receiver.restart();
      healedExactly(receiver.store(), run, COUNT);
    }
  }

  @Test
  void aCollectorAnsweringHttp503IsRetriedWithoutHoldingTheHost() {
    refusing(Protocol.HTTP_PROTOBUF, "CollectorFaultsIT.refusing503");
  }

  @Test
  void aCollectorAnsweringGrpcUnavailableIsRetriedWithoutHoldingTheHost() {
    refusing(Protocol.GRPC, "CollectorFaultsIT.refusingUnavailable");
  }

  private void refusing(Protocol protocol, String test) {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.mode(ReceiverMode.REFUSE);
      try (FaultRun run = FaultRun.start(test, dir, receiver, protocol, Map.of())) {
        run.workerPid();
        run.produce(COUNT);
        run.awaitStored(COUNT, "with the collector refusing");
        assertThat(receiver.store().requests())
            .as("a refusing collector records nothing")
            .isEmpty();

        receiver.mode(ReceiverMode.ACCEPT);
        healedExactly(receiver.store(), run, COUNT);
        assertThat(
                FaultRun.spansDropped(receiver.store())
                    + FaultRun.spansFailedToExport(receiver.store()))
            .as("spans lost while refused, counted: %s", FaultRun.spanAccount(receiver.store()))
            .isPositive();
      }
    }
  }

  /**
   * The worst collector: it takes each export and never answers. With the export timeout at ten
   * minutes, a host thread that waited on an export could not store all vCons within the bound.
   */
  @Test
  void aCollectorThatNeverAnswersHoldsNoHostThread() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.mode(ReceiverMode.HANG);
      try (FaultRun run =
          FaultRun.start(
              "CollectorFaultsIT.hung",
              dir,
              receiver,
              Protocol.GRPC,
              Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "600000"))) {
        run.workerPid();
        run.produce(COUNT);
        run.awaitStored(COUNT, "with the collector hung");

        // The hung exports complete as the collector recovers; later ones bring exact totals.
        receiver.mode(ReceiverMode.ACCEPT);
        OtlpStore store = receiver.store();
        store.await(
            BOUND, "all runs counted after the hang", () -> FaultRun.runsCounted(store) == COUNT);
        assertThat(run.stopAndCountRuns()).isEqualTo(COUNT);
        assertThat(FaultRun.runsCounted(store)).isEqualTo(COUNT);
      }
    }
  }

  /** After the fault: exact cumulative counters, every span accounted for, a clean stop. */
  private static void healedExactly(OtlpStore store, FaultRun run, long vcons) {
    store.await(
        BOUND,
        "cumulative runs counted == " + vcons + " after the collector came back",
        () -> FaultRun.runsCounted(store) == vcons);
    store.await(
        BOUND,
        "every span received, dropped or failed, and counted",
        () -> FaultRun.allSpansAccountedFor(store, vcons));
    System.out.printf(
        "[CollectorFaultsIT] vcons=%d spans %s%n", vcons, FaultRun.spanAccount(store));
    // The exporter's outcome counter appears with its first finished export, reported in the next
    // metric export: once there, a zero failed count means none failed.
    store.await(
        BOUND,
        "the span exporter's outcome reported",
        () -> store.metricNames().contains("otel.sdk.exporter.span.exported"));
    assertThat(run.stopAndCountRuns()).as("runs by the host's own summary").isEqualTo(vcons);
    assertThat(FaultRun.runsCounted(store)).as("final cumulative runs").isEqualTo(vcons);
  }
}
