package dev.vcon.agent.core.config;

/**
 * Read access to settings, already layered by precedence (system properties, then environment
 * variables, then the agent's properties file).
 *
 * <p>Keys are always given in their property form ({@code vcon.agent.chain.methods}, {@code
 * otel.exporter.otlp.endpoint}); an implementation maps them to the environment form ({@code
 * VCON_AGENT_CHAIN_METHODS}) itself.
 */
public interface Settings {

  /**
   * The effective value, trimmed, or {@code null} when no source sets the key (or sets it blank).
   */
  String get(String key);

  /** {@link #get(String)} with a fallback for unset keys. */
  default String get(String key, String fallback) {
    String value = get(key);
    return value == null ? fallback : value;
  }
}
