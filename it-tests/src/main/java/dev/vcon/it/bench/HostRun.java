package dev.vcon.it.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One finished host JVM as the driver saw it: when it was launched, how long the whole process
 * took, and the host's own {@code BENCH key=value ...} line.
 */
final class HostRun {
  private final long launchMicros;
  private final long wallNanos;
  private final Map<String, String> values;
  private final double cpuSeconds;

  private HostRun(
      long launchMicros, long wallNanos, Map<String, String> values, double cpuSeconds) {
    this.launchMicros = launchMicros;
    this.wallNanos = wallNanos;
    this.values = values;
    this.cpuSeconds = cpuSeconds;
  }

  /**
   * @param cpuSeconds user + system CPU of the whole process as {@code /usr/bin/time} saw it, or
   *     {@code NaN} without it
   */
  static HostRun parse(long launchMicros, long wallNanos, String benchLine, double cpuSeconds) {
    Map<String, String> values = new HashMap<>();
    for (String field : benchLine.substring("BENCH ".length()).split(" ")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        values.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return new HostRun(launchMicros, wallNanos, values, cpuSeconds);
  }

  /** Whole process, launch to exit, in milliseconds. */
  double wallMillis() {
    return wallNanos / 1e6;
  }

  /** User + system CPU of the whole process, start to exit, in milliseconds. */
  double cpuMillis() {
    return cpuSeconds * 1e3;
  }

  /** CPU of the whole process (host, agent, GC, JIT) per measured run, in nanoseconds. */
  double cpuNanosPerRun() {
    return number("processCpuNs") / number("runs");
  }

  /** From launching the JVM to the end of its first chain run, in milliseconds. */
  double firstRunMillis() {
    return (number("firstRunEndMicros") - launchMicros) / 1e3;
  }

  double nanosPerRun() {
    return number("elapsedNs") / number("runs");
  }

  double peakRssMiB() {
    return number("hwmKiB") / 1024.0;
  }

  double hostBytesPerRun() {
    return number("hostAllocBytes") / number("runs");
  }

  /** CPU of threads that are neither the host's nor the JDK's, per 10,000 runs, in ms. */
  double otherCpuMillisPer10k() {
    return number("otherCpuNs") / number("runs") * 10_000 / 1e6;
  }

  String otherThreads() {
    return values.getOrDefault("otherThreads", "");
  }

  private double number(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException("host reported no " + key + ": " + values);
    }
    return Double.parseDouble(value);
  }
}
