package dev.vcon.it.bench.host;

import java.util.HashMap;
import java.util.Map;

/** The host's {@code key=value} arguments, with the tiny run's shape as defaults. */
final class HostArgs {
  private final Map<String, String> values = new HashMap<>();

  private HostArgs() {}

  static HostArgs parse(String[] args) {
    HostArgs parsed = new HostArgs();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      parsed.values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return parsed;
  }

  int threads() {
    return (int) number("threads", 2);
  }

  long runs() {
    return number("runs", 20);
  }

  long warmup() {
    return number("warmup", 0);
  }

  int links() {
    return (int) number("links", 3);
  }

  /** SHA-256 rounds per step over the payload: the host's own work per link. */
  int rounds() {
    return (int) number("rounds", 4);
  }

  int payload() {
    return (int) number("payload", 2048);
  }

  /**
   * Milliseconds to pause between the warm-up and the measured runs (default 0): lets an agent's
   * background start-up finish first, to measure its steady state rather than its start.
   */
  long settleMillis() {
    return number("settle", 0);
  }

  /** Whether to read thread CPU and allocation (management beans) around the measured runs. */
  boolean measure() {
    return Boolean.parseBoolean(values.getOrDefault("measure", "false"));
  }

  private long number(String key, long fallback) {
    String value = values.get(key);
    return value == null ? fallback : Long.parseLong(value);
  }
}
