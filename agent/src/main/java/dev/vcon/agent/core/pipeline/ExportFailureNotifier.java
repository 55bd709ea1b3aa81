package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.logging.LogSink;
import dev.vcon.agent.core.logging.PatchLogger;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;

/**
 * Replaces the SDK's own logging output (a dozen stack traces in a short run with no collector) by
 * at most one line of the agent's per minute for failed exports, and one per minute for any other
 * SDK warning. Lines name the endpoint and a short reason, never header values. The records come
 * through {@link PatchLogger}, never through the host's java.util.logging.
 */
final class ExportFailureNotifier implements LogSink {
  static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final int MAX_REASON = 160;

  private final EndpointNames endpoints;
  private final Consumer<String> sink;
  private final LongSupplier nanoClock;
  private final Object lock = new Object();
  private boolean exportNoticed;
  private long lastExportNotice;
  private boolean otherNoticed;
  private long lastOtherNotice;

  /** The displayable endpoint of a signal named as the SDK does: spans, metrics or logs. */
  @FunctionalInterface
  interface EndpointNames {
    String forSdkSignalName(String signal);
  }

  ExportFailureNotifier(EndpointNames endpoints, Consumer<String> sink, LongSupplier nanoClock) {
    this.endpoints = endpoints;
    this.sink = sink;
    this.nanoClock = nanoClock;
  }

  @Override
  public void log(String loggerName, Level level, String message, Throwable thrown) {
    if (level == null || level.intValue() < Level.WARNING.intValue() || message == null) {
      return;
    }
    if (isEcho(message)) {
      return;
    }
    if (message.startsWith("Failed to export")) {
      if (due(true)) {
        sink.accept(
            "vcon-otel-agent: export to "
                + endpoints.forSdkSignalName(signalOf(message))
                + " failing ("
                + reason(message, thrown)
                + "); telemetry is being dropped, next notice in 60s");
      }
    } else if (due(false)) {
      sink.accept(
          "vcon-otel-agent: OpenTelemetry SDK " + level.getName() + ": " + shorten(message));
    }
  }

  private boolean due(boolean export) {
    long now = nanoClock.getAsLong();
    synchronized (lock) {
      if (export) {
        if (exportNoticed && now - lastExportNotice < INTERVAL_NANOS) {
          return false;
        }
        exportNoticed = true;
        lastExportNotice = now;
      } else {
        if (otherNoticed && now - lastOtherNotice < INTERVAL_NANOS) {
          return false;
        }
        otherNoticed = true;
        lastOtherNotice = now;
      }
      return true;
    }
  }

  /**
   * Records that add nothing for the operator: the metric reader's and span processor's "Exporter
   * failed" follows the OTLP exporter's own, more specific record of the same failure; and the SDK
   * warns that it drops the "service.instance" entity whenever OTEL_RESOURCE_ATTRIBUTES carries a
   * service.instance.id, which the agent replaces with the process-derived one on purpose.
   */
  static boolean isEcho(String message) {
    return message.startsWith("Exporter failed")
        || message.startsWith("Removing entity association [service.instance]");
  }

  /** "Failed to export spans. ..." names the signal in its fourth word. */
  static String signalOf(String message) {
    String[] words = message.split("[\\s.]+", 5);
    return words.length > 3 ? words[3] : "spans";
  }

  /**
   * The exception when there is one (e.g. "ConnectException: Failed to connect to ..."), else the
   * SDK's sentence.
   */
  static String reason(String message, Throwable thrown) {
    if (thrown != null) {
      Throwable root = thrown;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String text = root.getMessage();
      return shorten(root.getClass().getSimpleName() + (text == null ? "" : ": " + text));
    }
    int sentence = message.indexOf(". ");
    return shorten(sentence >= 0 ? message.substring(sentence + 2) : message);
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "...";
  }
}
