package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CollectorHealthTest {
  private final CollectorHealth health = new CollectorHealth();

  @Test
  void whileRunningConnectionFailuresAreRetriedAsTheSdkWould() {
    assertThat(health.retry(new ConnectException("refused"))).isTrue();
    assertThat(health.retry(new SocketTimeoutException("slow"))).isTrue();
    assertThat(health.retry(new IOException("HTTP/2 stream reset"))).isFalse();
  }

  @Test
  void atExitNothingIsRetried() {
    health.exiting();
    assertThat(health.retry(new ConnectException("refused"))).isFalse();
    assertThat(health.retry(new SocketTimeoutException("slow"))).isFalse();
  }

  @Test
  void aRefusedConnectionShortensTheExitBoundUntilAnExportSucceeds() {
    Duration configured = Duration.ofSeconds(5);
    assertThat(health.exitBound(configured)).isEqualTo(configured);
    health.retry(new ConnectException("refused"));
    assertThat(health.knownRefusing()).isTrue();
    assertThat(health.exitBound(configured)).isEqualTo(CollectorHealth.REFUSING_EXIT_BOUND);
    assertThat(health.exitBound(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(20));
    health.exported();
    assertThat(health.exitBound(configured)).isEqualTo(configured);
  }

  @Test
  void aRefusingCollectorIsTriedOnceAtExitWithoutBackoff() throws Exception {
    SpanExporter exporter =
        health.watch(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + closedPort() + "/v1/traces")
                .build(),
            false);
    health.exiting();
    CompletableResultCode result = exporter.export(List.of(span()));
    result.join(30, TimeUnit.SECONDS);
    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    assertThat(health.retryDecisions()).isEqualTo(1);
    assertThat(health.knownRefusing()).isTrue();
    exporter.shutdown();
  }

  private static io.opentelemetry.sdk.trace.data.SpanData span() {
    return TestSpanData.builder()
        .setName("s")
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(1)
        .setEndEpochNanos(2)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setAttributes(Attributes.empty())
        .setTotalRecordedEvents(0)
        .setTotalRecordedLinks(0)
        .setTotalAttributeCount(0)
        .build();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
