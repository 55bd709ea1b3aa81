package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shared pieces of the end-to-end tests: configuration files, the producer, the sample server with
 * an agent against the test receiver, the workers' summary lines, and metric sums.
 */
final class E2e {
  /** Our agent's instrumentation scope. */
  static final String SCOPE = "vcon-otel-agent";

  /** Start-up of a JVM (and its workers) on a loaded 2-core machine. */
  static final Duration START = Duration.ofSeconds(90);

  /** Export intervals in the children. */
  static final String METRIC_INTERVAL_MS = "500";

  static final String SPAN_DELAY_MS = "200";

  /** Lines the JVM prints when the official agent appends to the bootstrap class path. */
  static final String CDS_LINE =
      "Sharing is only supported for boot loader classes because bootstrap classpath has been"
          + " appended";

  static final String PROCESSED = "conserver.main_loop.count_vcons_processed";
  static final String FAILED = "conserver.main_loop.count_vcons_failed";
  static final String INFLIGHT = "conserver.vcons.inflight";
  static final String LINK_COUNT = "conserver.link.count";
  static final String STORAGE_COUNT = "conserver.storage.count";

  private E2e() {}

  /** The host name the agent puts into {@code service.instance.id}. */
  static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String instanceId(long pid) {
    return hostName() + "-pid-" + pid;
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- producing ----

  /** One produced vCon; trace and span ids are null without a context. */
  record Produced(String uuid, String traceId, String spanId) {
    boolean hasContext() {
      return traceId != null;
    }

    static Produced parse(String line) {
      String[] parts = line.trim().split("\\s+");
      return parts.length >= 3
          ? new Produced(parts[0], parts[1], parts[2])
          : new Produced(parts[0], null, null);
    }
  }

  /** Where and how the sample app keeps its queue: a spool folder or a Redis URL. */
  record Queue(Path spool, String redisUrl) {
    static Queue spool(Path dir) {
      return new Queue(dir, null);
    }

    static Queue redis(String url) {
      return new Queue(null, url);
    }

    JvmLauncher applyTo(JvmLauncher launcher) {
      if (redisUrl != null) {
        return launcher.env("REDIS_URL", redisUrl);
      }
      return launcher.removeEnv("REDIS_URL").env("CONSERVER_SPOOL_DIR", spool.toString());
    }
  }

  /** Runs {@code produce} (no agent) and returns the id lines it wrote. */
  static List<Produced> produce(
      String test, Path dir, Queue queue, int count, String ingress, boolean withContext) {
    Path ids = dir.resolve("ids-" + ingress + "-" + System.nanoTime() + ".txt");
    JvmLauncher launcher =
        JvmLauncher.forTest(test, "produce")
            .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .jar(ItJars.sampleApp())
            .args(
                "produce",
                "--count",
                Integer.toString(count),
                "--ingress",
                ingress,
                "--ids-out",
                ids.toString())
            .workingDir(dir);
    if (withContext) {
      launcher.args("--with-context");
    }
    try (JvmProcess p = queue.applyTo(launcher).start()) {
      assertThat(p.awaitExit(START)).as("produce\n%s", p.outputTails()).isZero();
      List<Produced> produced =
          Files.readAllLines(ids).stream()
              .filter(l -> !l.isBlank())
              .map(Produced::parse)
              .collect(Collectors.toList());
      assertThat(produced).hasSize(count);
      return produced;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the server ----

  /**
   * {@code run --workers N --concurrency C --config F} with our agent sending to {@code endpoint}.
   */
  static JvmLauncher server(String test, String name, Path dir, Queue queue) {
    JvmLauncher launcher =
        JvmLauncher.forTest(test, name)
            .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .workingDir(dir)
            .killGrace(Duration.ofSeconds(30));
    return queue.applyTo(launcher);
  }

  /** Finishes a launcher from {@link #server}: the jar, the run arguments. */
  static JvmLauncher runArgs(JvmLauncher launcher, Path config, int workers, int concurrency) {
    return launcher
        .jar(ItJars.sampleApp())
        .args(
            "run",
            "--workers",
            Integer.toString(workers),
            "--concurrency",
            Integer.toString(concurrency),
            "--config",
            config.toString());
  }

  /** OTLP settings for the children, as environment variables (the workers inherit them). */
  static JvmLauncher otlp(JvmLauncher launcher, String endpoint, Protocol protocol) {
    return launcher
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol.otelName())
        .env("OTEL_METRIC_EXPORT_INTERVAL", METRIC_INTERVAL_MS)
        .env("OTEL_BSP_SCHEDULE_DELAY", SPAN_DELAY_MS);
  }

  /** Our agent, told what to instrument by the properties file the sample app ships. */
  static JvmLauncher withVconAgent(JvmLauncher launcher) {
    return launcher.javaagent(ItJars.vconAgent(), ItJars.sampleAppAgentConfig().toString());
  }

  /** The common case: our agent only. */
  static JvmProcess startServer(
      String test,
      Path dir,
      Queue queue,
      Path config,
      int workers,
      int concurrency,
      String endpoint,
      Protocol protocol) {
    JvmLauncher l = withVconAgent(server(test, "server", dir, queue));
    return runArgs(otlp(l, endpoint, protocol), config, workers, concurrency).start();
  }

  private static final Pattern STARTED = Pattern.compile("vcon-worker-started pid=(\\d+)\\b.*");

  /** Waits for {@code n} worker start lines and returns their pids, in order. */
  static List<Long> awaitWorkers(JvmProcess server, int n) {
    long deadline = System.nanoTime() + START.toNanos();
    while (true) {
      List<Long> pids = workerPids(server);
      if (pids.size() >= n) {
        return pids;
      }
      if (System.nanoTime() > deadline || !server.isAlive()) {
        throw new AssertionError(
            "expected "
                + n
                + " vcon-worker-started lines, got "
                + pids
                + "\n"
                + server.outputTails());
      }
      sleep(100);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static List<Long> workerPids(JvmProcess server) {
    return server.stdout().lines().stream()
        .map(E2e::workerPid)
        .filter(Objects::nonNull)
        .distinct()
        .collect(Collectors.toList());
  }

  private static Long workerPid(String line) {
    Matcher m = STARTED.matcher(line);
    return m.matches() ? Long.parseLong(m.group(1)) : null;
  }

  /**
   * SIGTERM to the supervisor, then its exit (0 by contract), with all worker summaries printed.
   */
  static List<Summary> stop(JvmProcess server, int workers) {
    server.sendTerm();
    int code = server.awaitExit(Duration.ofSeconds(120));
    List<Summary> summaries = summaries(server);
    assertThat(code).as("server exit code\n%s", server.outputTails()).isZero();
    assertThat(summaries).as("summary lines\n%s", server.outputTails()).hasSize(workers);
    return summaries;
  }

  // ---- summary lines ----

  private static final Pattern SUMMARY =
      Pattern.compile(
          "vcon-worker-summary pid=(\\d+) processed=(\\d+) halted=(\\d+) failed=(\\d+)"
              + " stored=(\\d+) storage_failed=(\\d+) link_success=(\\d+) link_halt=(\\d+)"
              + " link_error=(\\d+)");
  static final List<String> SUMMARY_KEYS =
      List.of(
          "processed",
          "halted",
          "failed",
          "stored",
          "storage_failed",
          "link_success",
          "link_halt",
          "link_error");

  /** A parsed {@code vcon-worker-summary} line. */
  record Summary(long pid, Map<String, Long> counts) {
    long get(String key) {
      return Objects.requireNonNull(counts.get(key), key);
    }
  }

  static List<Summary> summaries(JvmProcess server) {
    List<Summary> out = new ArrayList<>();
    for (String line : server.stdout().lines()) {
      if (!line.startsWith("vcon-worker-summary")) {
        continue;
      }
      Matcher m = SUMMARY.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("summary line not in the documented format: " + line);
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < SUMMARY_KEYS.size(); i++) {
        counts.put(SUMMARY_KEYS.get(i), Long.parseLong(m.group(i + 2)));
      }
      out.add(new Summary(Long.parseLong(m.group(1)), counts));
    }
    return out;
  }

  static Map<String, Long> totals(List<Summary> summaries) {
    Map<String, Long> t = new LinkedHashMap<>();
    for (String k : SUMMARY_KEYS) {
      t.put(k, summaries.stream().mapToLong(s -> s.get(k)).sum());
    }
    return t;
  }

  // ---- metrics ----

  static boolean ours(MetricPoint p) {
    return SCOPE.equals(p.scopeName());
  }

  /** Sum over instances (and other attributes) of the latest cumulative values of our metric. */
  static long latestSum(OtlpStore store, String metric, Predicate<MetricPoint> filter) {
    return store.latestCumulativePoints(metric).stream()
        .filter(E2e::ours)
        .filter(filter)
        .mapToLong(p -> p.value().longValue())
        .sum();
  }

  static long latestSum(OtlpStore store, String metric) {
    return latestSum(store, metric, p -> true);
  }

  static Predicate<MetricPoint> attr(String key, String value) {
    return p -> value.equals(String.valueOf(p.attributes().get(key)));
  }

  /** The metric totals that correspond to the summary keys, from our latest cumulative points. */
  static Map<String, Long> metricTotals(OtlpStore store) {
    Map<String, Long> t = new LinkedHashMap<>();
    t.put("processed", latestSum(store, PROCESSED));
    t.put("failed", latestSum(store, FAILED));
    t.put("stored", latestSum(store, STORAGE_COUNT, attr("outcome", "success")));
    t.put("storage_failed", latestSum(store, STORAGE_COUNT, attr("outcome", "error")));
    t.put("link_success", latestSum(store, LINK_COUNT, attr("outcome", "success")));
    t.put("link_halt", latestSum(store, LINK_COUNT, attr("outcome", "halt")));
    t.put("link_error", latestSum(store, LINK_COUNT, attr("outcome", "error")));
    return t;
  }

  /** The summary totals restricted to the keys {@link #metricTotals} has. */
  static Map<String, Long> comparableTotals(List<Summary> summaries) {
    Map<String, Long> all = totals(summaries);
    Map<String, Long> t = new LinkedHashMap<>();
    for (String k :
        List.of(
            "processed",
            "failed",
            "stored",
            "storage_failed",
            "link_success",
            "link_halt",
            "link_error")) {
      t.put(k, all.get(k));
    }
    return t;
  }

  /** Per instance: the latest inflight value (summed over chains). */
  static Map<String, Long> latestInflight(OtlpStore store) {
    Map<String, Long> m = new TreeMap<>();
    for (MetricPoint p : store.latestCumulativePoints(INFLIGHT)) {
      if (ours(p)) {
        m.merge(p.serviceInstanceId(), p.value().longValue(), Long::sum);
      }
    }
    return m;
  }

  /** Per instance: the highest inflight value any point showed. */
  static Map<String, Long> inflightPeaks(OtlpStore store) {
    Map<String, Long> m = new TreeMap<>();
    for (MetricPoint p : store.metricPoints(INFLIGHT)) {
      if (ours(p)) {
        m.merge(p.serviceInstanceId(), p.value().longValue(), Math::max);
      }
    }
    return m;
  }

  /**
   * The highest sum over instances within one export round: for each point, in order of collection
   * time, the latest value of every instance collected no more than {@code window} earlier (an
   * instance with no such point counts as absent, not as its stale value).
   */
  static long peakSumInOneRound(OtlpStore store, Duration window) {
    List<MetricPoint> points =
        store.metricPoints(INFLIGHT).stream()
            .filter(E2e::ours)
            .sorted(java.util.Comparator.comparingLong(MetricPoint::epochNanos))
            .collect(Collectors.toList());
    Map<String, MetricPoint> latest = new HashMap<>();
    long best = 0;
    for (MetricPoint p : points) {
      latest.put(p.serviceInstanceId() + "|" + p.attributes(), p);
      long now = p.epochNanos();
      long sum =
          latest.values().stream()
              .filter(q -> now - q.epochNanos() <= window.toNanos())
              .mapToLong(q -> q.value().longValue())
              .sum();
      best = Math.max(best, sum);
    }
    return best;
  }

  /** stderr lines of a process that look like a problem (exception, warning, error). */
  static List<String> problemLines(JvmProcess p, Predicate<String> tolerated) {
    return p.stderr().lines().stream()
        .filter(l -> !tolerated.test(l))
        .filter(
            l -> {
              String s = l.toLowerCase(java.util.Locale.ROOT);
              // Every line of ours but the start line is a notice worth a look.
              boolean oursNotStart =
                  l.startsWith("vcon-otel-agent") && !l.matches("vcon-otel-agent \\S+ started: .*");
              return oursNotStart
                  || s.contains("exception")
                  || s.contains("warn")
                  || s.contains("error")
                  || s.contains("severe")
                  || s.startsWith("\tat ")
                  || s.contains("linkageerror");
            })
        .collect(Collectors.toList());
  }

  /** distro name -> scope name -> metric and span names, for the logs. */
  static Map<String, Map<String, java.util.Set<String>>> scopeSummary(OtlpStore store) {
    Map<String, Map<String, java.util.Set<String>>> m = new TreeMap<>();
    for (MetricPoint p : store.metricPoints()) {
      m.computeIfAbsent(
              String.valueOf(p.resource().get("telemetry.distro.name")), k -> new TreeMap<>())
          .computeIfAbsent(p.scopeName(), k -> new java.util.TreeSet<>())
          .add("metric " + p.metricName());
    }
    for (dev.vcon.it.otlp.SpanRecord sp : store.spans()) {
      m.computeIfAbsent(
              String.valueOf(sp.resource().get("telemetry.distro.name")), k -> new TreeMap<>())
          .computeIfAbsent(sp.scopeName(), k -> new java.util.TreeSet<>())
          .add("span " + sp.name().replaceAll("\\..*", ".*"));
    }
    return m;
  }
}
