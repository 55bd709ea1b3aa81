package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

  private static LogRecord failure(String signal) {
    LogRecord record =
        new LogRecord(
            Level.SEVERE, "Failed to export " + signal + ". The request could not be executed.");
    record.setThrown(
        new java.io.IOException(
            "wrapped", new ConnectException("Failed to connect to c/10.0.0.1:4318")));
    return record;
  }

  private void advanceSeconds(long seconds) {
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void atMostOneExportNoticePerMinute() {
    notifier.publish(failure("spans"));
    advanceSeconds(10);
    notifier.publish(failure("metrics"));
    advanceSeconds(49);
    notifier.publish(failure("spans"));
    assertThat(lines).hasSize(1);
    advanceSeconds(1);
    notifier.publish(failure("metrics"));
    assertThat(lines).hasSize(2);
  }

  @Test
  void noticeNamesEndpointAndShortReason() {
    notifier.publish(failure("metrics"));
    assertThat(lines)
        .containsExactly(
            "vcon-otel-agent: export to http://c:4318/v1/metrics failing (ConnectException: Failed"
                + " to connect to c/10.0.0.1:4318); telemetry is being dropped, next notice in"
                + " 60s");
  }

  @Test
  void reasonWithoutExceptionIsTheSdkSentenceAfterTheFirst() {
    notifier.publish(
        new LogRecord(
            Level.WARNING,
            "Failed to export spans. Server responded with HTTP status code 401. Error message:"
                + " denied"));
    assertThat(lines.get(0))
        .contains(
            "export to http://c:4318/v1/traces failing (Server responded with HTTP status code"
                + " 401.");
  }

  @Test
  void otherSdkWarningsAreRateLimitedSeparately() {
    notifier.publish(failure("spans"));
    notifier.publish(new LogRecord(Level.WARNING, "Something else"));
    notifier.publish(new LogRecord(Level.WARNING, "Something else again"));
    notifier.publish(new LogRecord(Level.INFO, "ignored"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .isEqualTo("vcon-otel-agent: OpenTelemetry SDK WARNING: Something else");
  }

  @Test
  void installedHandlerReplacesTheSdkLoggersOutput() {
    assertThat(SdkLogging.rootLoggerName()).endsWith("io.opentelemetry");
    SdkLogging.install(notifier);
    Logger root = SdkLogging.sdkRootLogger();
    assertThat(root.getUseParentHandlers()).isFalse();
    Logger exporterLogger =
        Logger.getLogger(SdkLogging.rootLoggerName() + ".exporter.otlp.internal.HttpExporter");
    exporterLogger.log(Level.SEVERE, "Failed to export spans. The request could not be executed.");
    assertThat(lines)
        .hasSize(1)
        .allSatisfy(line -> assertThat(line).startsWith("vcon-otel-agent: export to"));
  }

  @Test
  void echoesOfAnAlreadyReportedFailureAreDropped() {
    notifier.publish(new LogRecord(Level.WARNING, "Exporter failed"));
    notifier.publish(
        new LogRecord(
            Level.WARNING,
            "Removing entity association [service.instance] because resource attributes change"));
    assertThat(lines).isEmpty();
  }
}
