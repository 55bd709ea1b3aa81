package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.prestart.PreStartBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the pipeline is asked for, and when the exit has something to wait for. */
class DeferredTelemetryTest {

  private final DeferredTelemetry telemetry =
      new DeferredTelemetry(new PreStartBuffer(PreStartBuffer::systemEpochNanos));

  @Test
  void aClassToInstrumentStartsTheBuildButTheExitWaitsOnlyOnceARunRecorded() throws Exception {
    assertThat(telemetry.mayHaveRecorded()).isFalse();

    telemetry.request(); // the transformer met a class to weave
    telemetry.awaitStartRequest(TimeUnit.DAYS.toNanos(1)); // returns at once: the build may start
    assertThat(telemetry.mayHaveRecorded()).as("nothing recorded yet").isFalse();

    assertThat(telemetry.current()).as("a run records into the pre-start buffer").isNotNull();
    assertThat(telemetry.mayHaveRecorded()).isTrue();
  }

  @Test
  void theFirstRunAsksForThePipelineItself() throws Exception {
    telemetry.current();
    telemetry.awaitStartRequest(TimeUnit.DAYS.toNanos(1));
    assertThat(telemetry.mayHaveRecorded()).isTrue();
  }
}
