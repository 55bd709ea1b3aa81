package dev.vcon.agent.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Settings} over three sources, highest first: system properties, environment variables, the
 * properties file. Each source is a plain map so tests can inject them. There is no defaults layer:
 * each typed setting's default lives with the code that reads it ({@link AgentConfig}).
 *
 * <p>A source that has the key with a blank value <em>masks</em> the sources below it: {@code
 * -Dvcon.agent.chain.methods=} turns off a chain role the file configures instead of falling
 * through to it. That is the only way to switch off a file's value from outside, so it is
 * deliberate.
 */
final class LayeredSettings implements Settings {

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Map<String, String> file;

  LayeredSettings(
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file) {
    this.systemProperties = copy(systemProperties);
    this.environment = copy(environment);
    this.file = copy(file);
  }

  private static Map<String, String> copy(Map<String, String> source) {
    return source == null
        ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }

  /**
   * The environment variable for a key: upper-case, with {@code .} and {@code -} turned into {@code
   * _}; {@code vcon.agent.chain.vcon-id} is {@code VCON_AGENT_CHAIN_VCON_ID}.
   */
  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Override
  public String get(String key) {
    String value = systemProperties.get(key);
    if (value == null) {
      value = environment.get(environmentName(key));
    }
    if (value == null) {
      value = file.get(key);
    }
    if (value == null) {
      return null;
    }
    value = value.trim();
    return value.isEmpty() ? null : value;
  }

  /**
   * The effective values of the file's keys under {@code prefix} (e.g. {@code otel.}), layered like
   * every other key, so {@code -Dotel.service.name} or {@code OTEL_SERVICE_NAME} beats the file.
   * Keys whose effective value is blank are left out.
   */
  Map<String, String> fileKeysWithPrefix(String prefix) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : file.keySet()) {
      if (key.startsWith(prefix)) {
        String value = get(key);
        if (value != null) {
          result.put(key, value);
        }
      }
    }
    return Collections.unmodifiableMap(result);
  }
}
