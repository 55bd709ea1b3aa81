package dev.vcon.it.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.chain.host.Ids;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the chain ITs share: the agent configuration, the launcher set-up and span/metric lookups.
 */
final class ChainIt {
  static final String HOST = "dev.vcon.it.chain.host.";
  static final Duration EXIT = Duration.ofSeconds(120);
  static final Duration DELIVERY = Duration.ofSeconds(30);

  /** The SDK's default explicit bucket boundaries, which the agent must not use. */
  static final List<Double> SDK_DEFAULT_BOUNDS =
      List.of(
          0d, 5d, 10d, 25d, 50d, 75d, 100d, 250d, 500d, 750d, 1000d, 2500d, 5000d, 7500d, 10000d);

  /** The whole configuration for the chain host, as the documented keys. */
  static final Map<String, String> CONFIG = config();

  private ChainIt() {}

  private static Map<String, String> config() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("vcon.agent.chain.methods", HOST + "ChainRequest#process");
    c.put("vcon.agent.chain.name", "this.chainDetails.name");
    c.put("vcon.agent.chain.vcon-id", "this.vconId");
    c.put("vcon.agent.chain.context", "this.context");
    c.put("vcon.agent.link.methods", HOST + "Link#run");
    c.put("vcon.agent.link.name", "arg1");
    c.put("vcon.agent.link.vcon-id", "arg0");
    c.put("vcon.agent.link.index", "arg2");
    c.put("vcon.agent.storage.methods", HOST + "Storage#save," + HOST + "BlobStore#persist");
    c.put("vcon.agent.storage.name", "this.name");
    c.put("vcon.agent.storage.vcon-id", "arg0");
    return c;
  }

  /** Writes {@link #CONFIG} as the properties file the agent argument names. */
  static Path writeConfig(Path dir) {
    StringBuilder text = new StringBuilder("# chain IT configuration\n");
    CONFIG.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = dir.resolve("vcon-agent.properties");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A JVM with our agent (configured by {@code configFile}) exporting to {@code receiver} over
   * {@code protocol}, with short export intervals so the run and its exit flush stay quick.
   */
  static JvmLauncher agentJvm(
      String test, String name, Path configFile, OtlpReceiver receiver, Protocol protocol) {
    return JvmLauncher.forTest(test, name)
        .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .javaagent(ItJars.vconAgent(), configFile.toString())
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(protocol))
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol.otelName())
        .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .env("OTEL_SERVICE_NAME", "vcon-it-chain-" + name);
  }

  /** Waits for a normal exit and checks every {@code check ...} line the host printed is ok. */
  static void awaitCleanExit(JvmProcess jvm, Collection<String> expectedChecks) {
    assertThat(jvm.awaitExit(EXIT)).as("exit code of %s\n%s", jvm, jvm.outputTails()).isZero();
    List<String> checks =
        jvm.stdout().lines().stream()
            .filter(l -> l.startsWith("check "))
            .collect(Collectors.toList());
    assertThat(checks).as("host checks of %s", jvm).allMatch(l -> l.endsWith(" ok"));
    assertThat(checks)
        .as("host checks of %s", jvm)
        .extracting(l -> l.substring("check ".length(), l.length() - " ok".length()))
        .containsAll(expectedChecks);
    assertThat(jvm.stderr().lines())
        .as("no stack trace reaches the host's stderr")
        .noneMatch(
            l ->
                l.startsWith("\tat ")
                    || l.startsWith("Exception in thread")
                    || l.startsWith("Caused by:"));
  }

  /** Problem lines of the agent (the start-up line has no colon after the name). */
  static List<String> agentProblems(JvmProcess jvm) {
    return jvm.stderr().lines().stream()
        .filter(l -> l.startsWith("vcon-otel-agent: "))
        .collect(Collectors.toList());
  }

  /**
   * The agent's problem lines except the SDK's export notices ({@code vcon-otel-agent:
   * OpenTelemetry SDK WARNING: ...}), which depend on the machine's load, not on configuration or
   * instrumentation. Those that occurred are logged by the test.
   */
  static List<String> configProblems(JvmProcess jvm) {
    List<String> sdk =
        agentProblems(jvm).stream().filter(ChainIt::isSdkNotice).collect(Collectors.toList());
    if (!sdk.isEmpty()) {
      System.out.println(jvm + " SDK export notices (not counted): " + sdk);
    }
    return agentProblems(jvm).stream().filter(l -> !isSdkNotice(l)).collect(Collectors.toList());
  }

  private static boolean isSdkNotice(String line) {
    return line.startsWith("vcon-otel-agent: OpenTelemetry SDK ");
  }

  static long count(List<String> lines, String... fragments) {
    return lines.stream().filter(l -> containsAll(l, fragments)).count();
  }

  private static boolean containsAll(String line, String... fragments) {
    for (String f : fragments) {
      if (!line.contains(f)) {
        return false;
      }
    }
    return true;
  }

  // ---- spans ----

  /**
   * The one chain root span of the run labelled {@code label} (vCon id {@code Ids.uuid(label)}).
   */
  static SpanRecord root(OtlpStore store, String label) {
    String id = Ids.uuid(label);
    List<SpanRecord> roots =
        store.spans(
            s ->
                s.name().startsWith("vcon_processing.")
                    && id.equals(s.attributes().get("vcon_id")));
    assertThat(roots).as("chain root spans of %s (%s)", label, id).hasSize(1);
    return roots.get(0);
  }

  static List<SpanRecord> children(OtlpStore store, SpanRecord parent) {
    return store.spans(
        s -> s.traceId().equals(parent.traceId()) && s.parentSpanId().equals(parent.spanId()));
  }

  static SpanRecord child(OtlpStore store, SpanRecord parent, String name) {
    List<SpanRecord> found =
        children(store, parent).stream()
            .filter(s -> s.name().equals(name))
            .collect(Collectors.toList());
    assertThat(found).as("%s under %s", name, parent.name()).hasSize(1);
    return found.get(0);
  }

  static List<SpanRecord> trace(OtlpStore store, String traceId) {
    return store.spans(s -> s.traceId().equals(traceId));
  }

  /** A trace as indented lines: name [span id] attributes status events links. */
  static String describeTrace(List<SpanRecord> spans) {
    StringBuilder out = new StringBuilder();
    List<SpanRecord> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
    for (SpanRecord s : sorted) {
      if (s.isRoot() || sorted.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId()))) {
        describe(s, sorted, "", out);
      }
    }
    return out.toString();
  }

  private static void describe(
      SpanRecord s, List<SpanRecord> all, String indent, StringBuilder out) {
    out.append(indent)
        .append(s.name())
        .append(" trace=")
        .append(s.traceId())
        .append(" span=")
        .append(s.spanId())
        .append(" parent=")
        .append(s.parentSpanId().isEmpty() ? "<none>" : s.parentSpanId())
        .append(" status=")
        .append(s.statusCode())
        .append(s.statusMessage().isEmpty() ? "" : "(" + s.statusMessage() + ")")
        .append('\n')
        .append(indent)
        .append("    attributes=")
        .append(new TreeMap<>(s.attributes()))
        .append('\n');
    s.events()
        .forEach(
            e ->
                out.append(indent)
                    .append("    event ")
                    .append(e.name())
                    .append(' ')
                    .append(
                        new TreeMap<>(e.attributes())
                            .entrySet().stream()
                                .filter(en -> !en.getKey().equals("exception.stacktrace"))
                                .map(Object::toString)
                                .collect(Collectors.joining(", ", "{", "}")))
                    .append('\n'));
    s.links()
        .forEach(
            l ->
                out.append(indent)
                    .append("    link trace=")
                    .append(l.traceId())
                    .append(" span=")
                    .append(l.spanId())
                    .append(" flags=0x")
                    .append(Integer.toHexString(l.flags()))
                    .append('\n'));
    for (SpanRecord c : all) {
      if (c.parentSpanId().equals(s.spanId())) {
        describe(c, all, indent + "  ", out);
      }
    }
  }

  // ---- metrics ----

  /** Latest cumulative value (sum) or count (histogram) of {@code metric}, summed per key. */
  static Map<String, Long> totals(
      OtlpStore store, String metric, Function<MetricPoint, String> key) {
    return totals(store, metric, key, p -> true);
  }

  static Map<String, Long> totals(
      OtlpStore store,
      String metric,
      Function<MetricPoint, String> key,
      Predicate<MetricPoint> filter) {
    Map<String, Long> totals = new TreeMap<>();
    for (MetricPoint p : store.latestCumulativePoints(metric)) {
      if (filter.test(p)) {
        long v = p.histogram() != null ? p.histogram().count() : p.value().longValue();
        totals.merge(key.apply(p), v, Long::sum);
      }
    }
    return totals;
  }

  static String attr(MetricPoint p, String name) {
    return String.valueOf(p.attributes().get(name));
  }

  static String describeMetrics(List<MetricPoint> points) {
    return points.stream()
        .sorted(
            Comparator.comparing(MetricPoint::metricName)
                .thenComparing(p -> p.attributes().toString()))
        .map(
            p ->
                p.metricName()
                    + " unit="
                    + p.unit()
                    + " "
                    + p.type()
                    + (p.type() == MetricPoint.Type.SUM
                        ? (p.monotonic() ? " monotonic" : " non-monotonic")
                        : "")
                    + " "
                    + p.temporality()
                    + " "
                    + new TreeMap<>(p.attributes())
                    + " "
                    + (p.histogram() == null
                        ? "value=" + p.value()
                        : "count="
                            + p.histogram().count()
                            + " sum="
                            + String.format("%.6f", p.histogram().sum())
                            + " bounds="
                            + p.histogram().explicitBounds()
                            + " buckets="
                            + p.histogram().bucketCounts()))
        .collect(Collectors.joining("\n"));
  }

  /** Appends evidence to {@code <log dir>/evidence.txt} and to the test's stdout. */
  static void evidence(JvmProcess jvm, String title, String text) {
    String block = "==== " + title + " ====\n" + text + "\n";
    System.out.println(block);
    try {
      Files.writeString(
          jvm.logDir().resolve(jvm.name() + ".evidence.txt"),
          block,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
