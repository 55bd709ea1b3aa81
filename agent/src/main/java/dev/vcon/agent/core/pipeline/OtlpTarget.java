package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.Settings;
import java.net.URI;

/**
 * Where one signal is exported, resolved from the standard OTLP settings the same way the SDK does,
 * for the start-up line and the export-failure notice. Only the scheme, host, port and path are
 * ever shown: no user info, query or header values.
 */
final class OtlpTarget {
  static final String GRPC = "grpc";
  static final String HTTP_PROTOBUF = "http/protobuf";

  private final String endpoint;
  private final String protocol;

  private OtlpTarget(String endpoint, String protocol) {
    this.endpoint = endpoint;
    this.protocol = protocol;
  }

  /** For a generation built over an SDK configured elsewhere (embedding, tests). */
  static OtlpTarget inProcess() {
    return new OtlpTarget("(in-process)", "none");
  }

  /** {@code signal} is {@code traces}, {@code metrics} or {@code logs}. */
  static OtlpTarget of(Settings settings, String signal) {
    String protocol =
        settings.get(
            "otel.exporter.otlp." + signal + ".protocol",
            settings.get("otel.exporter.otlp.protocol", GRPC));
    String endpoint = settings.get("otel.exporter.otlp." + signal + ".endpoint");
    if (endpoint == null) {
      String base = settings.get("otel.exporter.otlp.endpoint");
      if (GRPC.equals(protocol)) {
        endpoint = base != null ? base : "http://localhost:4317";
      } else {
        base = base != null ? base : "http://localhost:4318";
        endpoint = (base.endsWith("/") ? base : base + "/") + "v1/" + signal;
      }
    }
    return new OtlpTarget(displayable(endpoint), protocol);
  }

  private static String displayable(String endpoint) {
    try {
      URI uri = new URI(endpoint);
      if (uri.getHost() == null) {
        return endpoint;
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
          + (uri.getPath() == null ? "" : uri.getPath());
    } catch (Exception e) {
      return endpoint;
    }
  }

  String endpoint() {
    return endpoint;
  }

  String protocol() {
    return protocol;
  }
}
