package dev.vcon.it.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver's fault modes, which the fault ITs rely on: refuse, hang, stop and restart. */
class ReceiverFaultsTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private HttpRequest span(String id) {
    return HttpRequest.newBuilder(URI.create(receiver.endpointHttp() + "/v1/traces"))
        .header("Content-Type", "application/x-protobuf")
        .POST(
            HttpRequest.BodyPublishers.ofByteArray(
                Protos.span(id, "s", (byte) 1, (byte) 2).toByteArray()))
        .build();
  }

  @Test
  void refusingAnswers503AndRecordsNothing() throws Exception {
    receiver.mode(ReceiverMode.REFUSE);
    assertThat(client.send(span("i-1"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(503);
    assertThat(receiver.store().spans()).isEmpty();
  }

  @Test
  void aHungCallIsAnsweredOnlyOnceTheModeChanges() throws Exception {
    receiver.mode(ReceiverMode.HANG);
    CompletableFuture<HttpResponse<String>> call =
        client.sendAsync(span("i-1"), HttpResponse.BodyHandlers.ofString());
    // Not a timing assertion: the call cannot complete while the mode is HANG, whatever the wait.
    assertThatThrownBy(() -> call.get(1, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    receiver.mode(ReceiverMode.ACCEPT);
    assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(receiver.store().spans()).hasSize(1);
  }

  @Test
  void aStoppedReceiverRefusesConnectionsAndARestartListensOnTheSamePortWithTheSameStore()
      throws Exception {
    assertThat(client.send(span("i-1"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    int port = receiver.httpPort();
    receiver.stop();
    assertThatThrownBy(() -> client.send(span("i-2"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    receiver.restart();
    assertThat(receiver.httpPort()).isEqualTo(port);
    assertThat(client.send(span("i-3"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    assertThat(receiver.store().spans()).hasSize(2);
  }
}
