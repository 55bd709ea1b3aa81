package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.Settings;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code otel.*} settings the SDK would otherwise reject with a stack trace (or, for
 * some, accept and then fail at every export), and turns the first problem into one line naming the
 * setting, its value and what is accepted. Header values are never echoed: they usually carry
 * credentials.
 */
final class SettingsValidator {
  private static final String[] SIGNAL_PREFIXES = {
    "otel.exporter.otlp.",
    "otel.exporter.otlp.traces.",
    "otel.exporter.otlp.metrics.",
    "otel.exporter.otlp.logs."
  };

  /** Durations the SDK divides by or schedules at a fixed rate: zero is as wrong as negative. */
  private static final String[] POSITIVE_DURATIONS = {
    "otel.metric.export.interval", "otel.bsp.schedule.delay"
  };

  /** Timeouts: zero means "no timeout" to the SDK, a negative value fails its builders. */
  private static final String[] NON_NEGATIVE_DURATIONS = {
    "otel.metric.export.timeout",
    "otel.bsp.export.timeout",
    "otel.exporter.otlp.timeout",
    "otel.exporter.otlp.traces.timeout",
    "otel.exporter.otlp.metrics.timeout"
  };

  private static final String[] POSITIVE_COUNTS = {
    "otel.bsp.max.queue.size", "otel.bsp.max.export.batch.size"
  };

  /** The SDK's duration form: a whole number, optionally followed by ms, s, m, h or d. */
  private static final Pattern DURATION = Pattern.compile("\\s*(-?\\d{1,12})\\s*(ms|s|m|h|d)?\\s*");

  private static final Pattern SECRET_AFTER_HEADERS =
      Pattern.compile("(?i)(headers[^=\\s]*=).*", Pattern.DOTALL);

  private SettingsValidator() {}

  /** The first invalid setting as an agent line, or {@code null} when all are acceptable. */
  static String firstError(Settings settings) {
    for (String prefix : SIGNAL_PREFIXES) {
      String protocolKey = prefix + "protocol";
      String protocol = settings.get(protocolKey);
      if (protocol != null
          && !protocol.equals(OtlpTarget.GRPC)
          && !protocol.equals(OtlpTarget.HTTP_PROTOBUF)) {
        return invalid(protocolKey, protocol, "grpc or http/protobuf");
      }
      String endpointKey = prefix + "endpoint";
      String endpoint = settings.get(endpointKey);
      if (endpoint != null && !isHttpUrl(endpoint)) {
        return invalid(
            endpointKey, endpoint, "an http:// or https:// URL, e.g. http://collector:4318");
      }
      String headersKey = prefix + "headers";
      String headers = settings.get(headersKey);
      if (headers != null && !isHeaderList(headers)) {
        return line(
            "invalid "
                + named(headersKey)
                + " (value not shown, it may hold credentials): accepted is a comma-separated list"
                + " of key=value");
      }
    }
    for (String key : POSITIVE_DURATIONS) {
      String value = settings.get(key);
      if (value != null && durationMillis(value) <= 0) {
        return invalid(key, value, "a positive duration, e.g. 5000 (milliseconds) or 5s");
      }
    }
    for (String key : NON_NEGATIVE_DURATIONS) {
      String value = settings.get(key);
      if (value != null && durationMillis(value) < 0) {
        return invalid(key, value, "a non-negative duration, e.g. 10000 (milliseconds) or 10s");
      }
    }
    for (String key : POSITIVE_COUNTS) {
      String value = settings.get(key);
      if (value != null && !isPositiveLong(value)) {
        return invalid(key, value, "a positive whole number, e.g. 2048");
      }
    }
    return null;
  }

  /** One line for an error the SDK raised while configuring itself. */
  static String rejected(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Throwable cause = error.getCause();
    if (cause != null && cause != error) {
      // autoconfigure wraps unexpected failures as "Unexpected configuration error"; the cause
      // is what the operator needs.
      message += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    message = SECRET_AFTER_HEADERS.matcher(message).replaceAll("$1<not shown>");
    message = message.replaceAll("\\s+", " ").trim();
    return line("OpenTelemetry configuration rejected: " + message);
  }

  private static String invalid(String key, String value, String accepted) {
    return line("invalid " + named(key) + "=\"" + value + "\": accepted is " + accepted);
  }

  private static String line(String problem) {
    return "vcon-otel-agent: " + problem + "; telemetry is disabled for this process";
  }

  /** The property and its environment form, since users set either. */
  private static String named(String key) {
    return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean isHeaderList(String value) {
    for (String entry : value.split(",")) {
      if (!entry.trim().isEmpty() && entry.indexOf('=') <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Milliseconds, or -1 when the text is not a duration the SDK reads. */
  private static long durationMillis(String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      return -1;
    }
    long amount = Long.parseLong(m.group(1));
    if (amount < 0) {
      return -1;
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return amount * 1000;
      case "m":
        return amount * 60_000;
      case "h":
        return amount * 3_600_000;
      case "d":
        return amount * 86_400_000;
      default:
        return amount;
    }
  }

  private static boolean isPositiveLong(String value) {
    try {
      return Long.parseLong(value.trim()) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
