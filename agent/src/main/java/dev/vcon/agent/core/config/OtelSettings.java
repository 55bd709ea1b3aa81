package dev.vcon.agent.core.config;

import java.util.Map;

/**
 * The OpenTelemetry SDK's {@code otel.*} settings as the agent sees them. The SDK's autoconfigure
 * reads system properties and {@code OTEL_*} variables itself; what it cannot see is the agent's
 * properties file, so {@link #fileProperties()} hands it every {@code otel.*} key of the file, with
 * no list of known keys to keep. {@link #get} answers with the same precedence, for the checks and
 * the start-up line the agent makes before the SDK is built.
 */
public final class OtelSettings implements Settings {

  private static final String PREFIX = "otel.";

  private final Settings layers;
  private final Map<String, String> fileProperties;

  OtelSettings(LayeredSettings layers) {
    this.layers = layers;
    this.fileProperties = layers.fileKeysWithPrefix(PREFIX);
  }

  @Override
  public String get(String key) {
    return key.startsWith(PREFIX) ? layers.get(key) : null;
  }

  /**
   * The file's {@code otel.*} keys with their effective values (a system property or {@code OTEL_*}
   * variable wins over the file); blank ones left out.
   */
  public Map<String, String> fileProperties() {
    return fileProperties;
  }
}
