package dev.vcon.agent.core.identity;

import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.OtelSettings;
import dev.vcon.agent.core.config.Settings;
import java.util.HashMap;
import java.util.Map;

/** Settings backed by a map, for tests. */
public final class MapSettings implements Settings {
  private final Map<String, String> values = new HashMap<>();

  public static MapSettings of(String... keyValues) {
    MapSettings settings = new MapSettings();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.values.put(keyValues[i], keyValues[i + 1]);
    }
    return settings;
  }

  public MapSettings with(String key, String value) {
    values.put(key, value);
    return this;
  }

  /** These values as the {@code otel.*} settings of an agent properties file. */
  public OtelSettings otel() {
    return AgentConfig.from(Map.of(), Map.of(), values, problem -> {}).otel();
  }

  @Override
  public String get(String key) {
    String value = values.get(key);
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }
}
