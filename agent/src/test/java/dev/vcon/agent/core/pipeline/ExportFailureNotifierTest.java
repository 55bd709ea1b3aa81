package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.logging.PatchLogger;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ExportFailureNotifierTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();
  private final ExportFailureNotifier notifier =
      new ExportFailureNotifier(
          signal ->
              signal.equals("metrics") ? "http://c:4318/v1/metrics" : "http://c:4318/v1/traces",
          lines::add,
          nanos::get);

  private void failure(String signal) {
    notifier.log(
        "io.opentelemetry.exporter.internal.http.HttpExporter",
        Level.SEVERE,
        "Failed to export " + signal + ". The request could not be executed.",
        new java.io.IOException(
            "wrapped", new ConnectException("Failed to connect to c/10.0.0.1:4318")));
  }

  private void warning(Level level, String message) {
    notifier.log("io.opentelemetry.sdk", level, message, null);
  }

  private void advanceSeconds(long seconds) {
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void atMostOneExportNoticePerMinute() {
    failure("spans");
    advanceSeconds(10);
    failure("metrics");
    advanceSeconds(49);
    failure("spans");
    assertThat(lines).hasSize(1);
    advanceSeconds(1);
    failure("metrics");
    assertThat(lines).hasSize(2);
  }

  @Test
  void noticeNamesEndpointAndShortReason() {
    failure("metrics");
    assertThat(lines)
        .containsExactly(
            "vcon-otel-agent: export to http://c:4318/v1/metrics failing (ConnectException: Failed"
                + " to connect to c/10.0.0.1:4318); telemetry is being dropped, next notice in"
                + " 60s");
  }

  @Test
  void reasonWithoutExceptionIsTheSdkSentenceAfterTheFirst() {
    warning(
        Level.WARNING,
        "Failed to export spans. Server responded with HTTP status code 401. Error message:"
            + " denied");
    assertThat(lines.get(0))
        .contains(
            "export to http://c:4318/v1/traces failing (Server responded with HTTP status code"
                + " 401.");
  }

  @Test
  void otherSdkWarningsAreRateLimitedSeparately() {
    failure("spans");
    warning(Level.WARNING, "Something else");
    warning(Level.WARNING, "Something else again");
    warning(Level.INFO, "ignored");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .isEqualTo("vcon-otel-agent: OpenTelemetry SDK WARNING: Something else");
  }

  /** In the agent jar the SDK's {@code Logger.getLogger(...)} calls are PatchLogger's. */
  @Test
  void installedNotifierReceivesWhatTheRelocatedSdkLogs() {
    SdkLogging.install(notifier);
    try {
      PatchLogger exporterLogger =
          PatchLogger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter");
      assertThat(exporterLogger.isLoggable(Level.WARNING)).isTrue();
      exporterLogger.log(
          Level.SEVERE, "Failed to export spans. The request could not be executed.");
      assertThat(lines)
          .hasSize(1)
          .allSatisfy(line -> assertThat(line).startsWith("vcon-otel-agent: export to"));
    } finally {
      SdkLogging.install(null);
    }
  }

  @Test
  void echoesOfAnAlreadyReportedFailureAreDropped() {
    warning(Level.WARNING, "Exporter failed");
    warning(
        Level.WARNING,
        "Removing entity association [service.instance] because resource attributes change");
    assertThat(lines).isEmpty();
  }
}
