package dev.vcon.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReceiverOptionsTest {
  @Test
  void defaultsAreTheCollectorsPortsAndTheAgentsExportInterval() {
    ReceiverOptions o = ReceiverOptions.parse(new String[] {"--table", "off"});

    assertThat(o.grpcPort()).isEqualTo(4317);
    assertThat(o.httpPort()).isEqualTo(4318);
    assertThat(o.uiPort()).isEqualTo(4380);
    assertThat(o.refresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.duration()).isNull();
  }

  @Test
  void aBadValueNamesTheOptionAndWhatIsAccepted() {
    assertThatThrownBy(() -> ReceiverOptions.parse(new String[] {"--grpc-port", "http"}))
        .hasMessage("--grpc-port http: expected a port 0-65535");
    assertThatThrownBy(() -> ReceiverOptions.parse(new String[] {"--duration", "-1"}))
        .hasMessage("--duration -1: expected a positive number of seconds");
    assertThatThrownBy(() -> ReceiverOptions.parse(new String[] {"--nope", "1"}))
        .hasMessage("unknown option --nope");
  }

  @Test
  void thePageCanBeTurnedOff() {
    assertThat(ReceiverOptions.parse(new String[] {"--ui-port", "-1"}).uiPort()).isEqualTo(-1);
  }
}
