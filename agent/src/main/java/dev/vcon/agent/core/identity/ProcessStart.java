package dev.vcon.agent.core.identity;

import java.time.Instant;

/** When this process started, for {@code process.creation.time} and the UUID form of the id. */
final class ProcessStart {
  private ProcessStart() {}

  static Instant instant() {
    try {
      java.util.Optional<Instant> start = ProcessHandle.current().info().startInstant();
      if (start.isPresent()) {
        return start.get();
      }
    } catch (RuntimeException e) {
      // fall through to the JVM's own start time
    }
    try {
      // Only reached where the OS does not report a start time; loads java.management lazily
      // so the common path stays free of JMX.
      return Instant.ofEpochMilli(
          java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    } catch (RuntimeException | LinkageError e) {
      return Instant.now();
    }
  }
}
