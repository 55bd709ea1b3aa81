package dev.vcon.sample.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code vcon-worker-summary} line, the way downstream tests read it. */
record SummaryLine(long pid, Map<String, Long> counts) {

  private static final Pattern FORMAT =
      Pattern.compile(
          "vcon-worker-summary pid=(\\d+)"
              + " processed=(\\d+) halted=(\\d+) failed=(\\d+) stored=(\\d+) storage_failed=(\\d+)"
              + " link_success=(\\d+) link_halt=(\\d+) link_error=(\\d+)");
  private static final String[] NAMES = {
    "processed",
    "halted",
    "failed",
    "stored",
    "storage_failed",
    "link_success",
    "link_halt",
    "link_error"
  };

  static SummaryLine parse(String line) {
    Matcher matcher = FORMAT.matcher(line);
    if (!matcher.matches()) {
      throw new AssertionError("not a summary line in the exact format: " + line);
    }
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < NAMES.length; i++) {
      counts.put(NAMES[i], Long.parseLong(matcher.group(i + 2)));
    }
    return new SummaryLine(Long.parseLong(matcher.group(1)), counts);
  }

  long get(String name) {
    return counts.get(name);
  }
}
