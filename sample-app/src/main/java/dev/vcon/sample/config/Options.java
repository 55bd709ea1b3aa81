package dev.vcon.sample.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a link's or storage's {@code options}; a wrong type names the option. */
public final class Options {

  private final Map<String, Object> values;

  public Options(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  public Optional<String> string(String key) {
    Object value = values.get(key);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  public long longValue(String key, long fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    throw new IllegalArgumentException(
        "option " + key + " must be a whole number, not '" + value + "'");
  }

  public double doubleValue(String key, double fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException("option " + key + " must be a number, not '" + value + "'");
  }

  public boolean bool(String key, boolean fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new IllegalArgumentException(
        "option " + key + " must be true or false, not '" + value + "'");
  }

  public List<String> strings(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> result = new ArrayList<>();
      list.forEach(item -> result.add(String.valueOf(item)));
      return result;
    }
    return List.of(value.toString());
  }
}
