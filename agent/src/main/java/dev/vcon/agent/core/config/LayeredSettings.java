package dev.vcon.agent.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Settings} over four sources, highest first: system properties, environment variables, the
 * properties file, built-in defaults. Each source is a plain map so tests can inject them.
 *
 * <p>A source that has the key with a blank value <em>masks</em> the sources below it: {@code
 * -Dvcon.agent.chain.context=} turns the built-in context expression off instead of falling through
 * to it. That is the only way to switch off a default, so it is deliberate.
 */
public final class LayeredSettings implements Settings {

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Map<String, String> file;
  private final Map<String, String> defaults;

  public LayeredSettings(
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file,
      Map<String, String> defaults) {
    this.systemProperties = copy(systemProperties);
    this.environment = copy(environment);
    this.file = copy(file);
    this.defaults = copy(defaults);
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
  public static String environmentName(String key) {
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
      value = defaults.get(key);
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
  /** True when the key's value comes from the built-in defaults, not from the user. */
  public boolean isBuiltInDefault(String key) {
    return defaults.containsKey(key)
        && new LayeredSettings(systemProperties, environment, file, null).get(key) == null;
  }

  public Map<String, String> fileKeysWithPrefix(String prefix) {
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
