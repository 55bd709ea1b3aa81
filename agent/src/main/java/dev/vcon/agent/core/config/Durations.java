package dev.vcon.agent.core.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses duration settings: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or bare
 * milliseconds.
 */
final class Durations {

  static final String EXPECTED_FORM =
      "a non-negative duration like 5s, 500ms, 2m or 5000 (milliseconds)";

  private Durations() {}

  /**
   * @throws InvalidSettingException when the text is not a non-negative duration
   */
  static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end)) && s.charAt(end) < 128) {
      end++;
    }
    // At most 12 digits keeps every unit inside Duration's range without overflow checks.
    if (end == 0 || end > 12) {
      throw new InvalidSettingException("not a duration: " + text);
    }
    long amount = Long.parseLong(s.substring(0, end));
    String unit = s.substring(end).trim();
    switch (unit) {
      case "":
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
      case "min":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        throw new InvalidSettingException("not a duration unit: " + unit);
    }
  }

  /** The shortest exact form {@link #parse} reads back, e.g. {@code 5s} or {@code 500ms}. */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
