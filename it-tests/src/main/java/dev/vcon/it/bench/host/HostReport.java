package dev.vcon.it.bench.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the host measures of itself, printed as one line {@code BENCH key=value ...}:
 *
 * <ul>
 *   <li>{@code elapsedNs}: wall time of the measured runs (all threads released together);
 *   <li>{@code firstRunEndMicros}: epoch microseconds when the first measured run returned;
 *   <li>{@code hwmKiB}: peak resident set ({@code VmHWM} of {@code /proc/self/status});
 *   <li>with {@code measure=true}: {@code processCpuNs} CPU time of the whole process during the
 *       measured runs, {@code hostAllocBytes} allocated by the worker threads during the measured
 *       runs, {@code otherCpuNs} CPU time of the threads that are neither the host's nor the JDK's
 *       own (the agents' exporters and schedulers) during the measured runs, and their names in
 *       {@code otherThreads}.
 * </ul>
 */
final class HostReport {
  /** Threads of the JDK itself, not the host's and not an agent's. */
  private static final Set<String> JDK_THREADS =
      new HashSet<>(
          Arrays.asList(
              "Reference Handler",
              "Finalizer",
              "Signal Dispatcher",
              "Common-Cleaner",
              "Notification Thread",
              "Attach Listener",
              "process reaper",
              "DestroyJavaVM",
              "Monitor Deflation Thread",
              "Service Thread"));

  private final Map<Long, Long> otherCpuAtStart = new HashMap<>();
  private final AtomicLong hostAllocBytes = new AtomicLong();
  private long otherCpuNs = -1;
  private long processCpuAtStart;
  private long processCpuNs = -1;
  private final Set<String> otherThreads = new TreeSet<>();
  private boolean measuring;

  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  void startMeasuring(boolean measure) {
    measuring = measure;
    if (!measure) {
      return;
    }
    processCpuAtStart = processCpu();
    com.sun.management.ThreadMXBean threads = threadBean();
    for (long id : threads.getAllThreadIds()) {
      if (isOther(threads, id)) {
        otherCpuAtStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
      }
    }
  }

  /** Bytes allocated so far by the calling thread, or 0 when not measuring. */
  long allocatedByThisThread() {
    return measuring ? threadBean().getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
  }

  void addHostAllocation(long bytes) {
    hostAllocBytes.addAndGet(bytes);
  }

  void stopMeasuring() {
    if (!measuring) {
      return;
    }
    processCpuNs = processCpu() - processCpuAtStart;
    com.sun.management.ThreadMXBean threads = threadBean();
    otherCpuNs = 0;
    for (long id : threads.getAllThreadIds()) {
      if (isOther(threads, id)) {
        long cpu = threads.getThreadCpuTime(id);
        if (cpu >= 0) {
          otherCpuNs += cpu - otherCpuAtStart.getOrDefault(id, 0L);
          otherThreads.add(threads.getThreadInfo(id).getThreadName().replace(' ', '_'));
        }
      }
    }
  }

  String line(HostArgs options, long elapsedNs, long firstRunEndMicros) {
    return "BENCH threads="
        + options.threads()
        + " runs="
        + options.runs()
        + " elapsedNs="
        + elapsedNs
        + " firstRunEndMicros="
        + firstRunEndMicros
        + " hwmKiB="
        + statusKiB("VmHWM")
        + " hostAllocBytes="
        + (measuring ? hostAllocBytes.get() : -1)
        + " processCpuNs="
        + processCpuNs
        + " otherCpuNs="
        + otherCpuNs
        + " otherThreads="
        + String.join(",", otherThreads);
  }

  private static boolean isOther(java.lang.management.ThreadMXBean threads, long id) {
    java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
    if (info == null) {
      return false;
    }
    String name = info.getThreadName();
    return !(name.equals("main")
        || name.startsWith("bench-")
        || JDK_THREADS.contains(name)
        || name.contains("CompilerThread"));
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static com.sun.management.ThreadMXBean threadBean() {
    return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  }

  private static long statusKiB(String field) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return -1;
  }
}
