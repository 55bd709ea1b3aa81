package dev.vcon.it.faults;

import static dev.vcon.it.faults.FaultRun.BOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad settings in a real deployment (the sample app, a supervisor and a worker, both with the
 * agent): each is one stderr line per process naming the setting, the value and the fix; the host
 * runs and stores every vCon; what is not affected keeps working.
 */
class BadConfigurationIT {
  private static final int COUNT = 20;

  @TempDir Path dir;

  /** Agent lines other than the start line. */
  private static List<String> problems(FaultRun run) {
    return run.server().stderr().lines().stream()
        .filter(l -> l.startsWith("vcon-otel-agent: "))
        .collect(Collectors.toList());
  }

  @Test
  void misspelledAndMistypedAgentSettingsAreOneLineEachAndTheAgentStillCountsExactly() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FaultRun run =
            FaultRun.start(
                "BadConfigurationIT.agentKeys",
                dir,
                receiver,
                Protocol.GRPC,
                Map.of(
                    "VCON_AGENT_CHAIN_METHOD", "com.acme.X#y",
                    "VCON_AGENT_SHUTDOWN_TIMEOUT", "-5s",
                    "VCON_AGENT_DRAIN_TIMEOUT", "ten"))) {
      run.workerPid();
      run.produce(COUNT);
      run.awaitStored(COUNT, "with bad agent settings");
      OtlpStore store = receiver.store();
      store.await(BOUND, "runs counted", () -> FaultRun.runsCounted(store) == COUNT);
      assertThat(run.stopAndCountRuns()).isEqualTo(COUNT);

      List<String> problems = problems(run);
      assertThat(problems.stream().distinct())
          .containsExactlyInAnyOrder(
              "vcon-otel-agent: unknown environment variable"
                  + " VCON_AGENT_CHAIN_METHOD='com.acme.X#y'; did you mean"
                  + " VCON_AGENT_CHAIN_METHODS?; ignored",
              "vcon-otel-agent: invalid setting vcon.agent.shutdown.timeout='-5s': expected a"
                  + " non-negative duration like 5s, 500ms, 2m or 5000 (milliseconds); using 5s",
              "vcon-otel-agent: invalid setting vcon.agent.drain.timeout='ten': expected a"
                  + " non-negative duration like 5s, 500ms, 2m or 5000 (milliseconds); using 10s");
      // Once per process (the supervisor and the worker each run the agent), never repeated.
      for (String line : problems.stream().distinct().collect(Collectors.toList())) {
        assertThat(problems.stream().filter(line::equals).count()).as(line).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void anUnknownProtocolIsOneLineAndTheHostRunsUntouched() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FaultRun run =
            FaultRun.start(
                "BadConfigurationIT.protocol",
                dir,
                receiver,
                Protocol.GRPC,
                Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"))) {
      run.workerPid();
      run.produce(COUNT);
      run.awaitStored(COUNT, "with an unknown protocol");
      assertThat(run.stopAndCountRuns()).isEqualTo(COUNT);
      assertThat(problems(run).stream().distinct())
          .containsExactly(
              "vcon-otel-agent: invalid otel.exporter.otlp.protocol (OTEL_EXPORTER_OTLP_PROTOCOL)="
                  + "\"http/json\": accepted is grpc or http/protobuf; telemetry is disabled for"
                  + " this process");
      assertThat(run.server().stderr().lines()).noneMatch(l -> l.startsWith("\tat "));
    }
  }
}
