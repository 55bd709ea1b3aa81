package dev.vcon.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample-app server (one worker) with our agent, exporting to a test receiver that the fault
 * tests stop, restart, or switch to refusing or hanging. The chain is one link and one storage that
 * prints {@code vcon-stored} per vCon: the host's own record of how far it got, independent of the
 * telemetry.
 */
final class FaultRun implements AutoCloseable {
  /** Liveness bounds only (never asserted as speed): a loaded 2-core machine. */
  static final Duration BOUND = Duration.ofSeconds(180);

  static final String SCOPE = "vcon-otel-agent";
  static final String PROCESSED = "conserver.main_loop.count_vcons_processed";
  static final String FAILED = "conserver.main_loop.count_vcons_failed";

  /** Spans per vCon: the chain run, its one link, its one storage write. */
  static final int SPANS_PER_VCON = 3;

  /** The SDK's bounded span queue, made small so a fault fills it. */
  static final int QUEUE = 64;

  private static final Pattern STARTED = Pattern.compile("vcon-worker-started pid=(\\d+)\\b.*");
  private static final Pattern SUMMARY =
      Pattern.compile(
          "vcon-worker-summary pid=(\\d+) processed=(\\d+) halted=\\d+ failed=(\\d+).*");

  private final String test;
  private final Path dir;
  private final JvmProcess server;

  private FaultRun(String test, Path dir, JvmProcess server) {
    this.test = test;
    this.dir = dir;
    this.server = server;
  }

  /**
   * Starts {@code run --workers 1} exporting to {@code receiver} with {@code protocol}; {@code
   * extraEnv} are more OTEL_* settings.
   */
  static FaultRun start(
      String test,
      Path dir,
      OtlpReceiver receiver,
      Protocol protocol,
      Map<String, String> extraEnv) {
    Path config =
        write(
            dir.resolve("faults.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
            storages:
              log: {class: dev.vcon.sample.storage.LogStorage}
            chains:
              fault_chain:
                links: [tag]
                ingress_lists: [fault_in]
                storages: [log]
            """);
    JvmLauncher launcher =
        JvmLauncher.forTest(test, "server")
            .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .workingDir(dir)
            .killGrace(Duration.ofSeconds(30))
            .removeEnv("REDIS_URL")
            .env("CONSERVER_SPOOL_DIR", dir.resolve("spool").toString())
            .javaagent(ItJars.vconAgent(), ItJars.sampleAppAgentConfig().toString())
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(protocol))
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol.otelName())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .env("OTEL_BSP_MAX_QUEUE_SIZE", Integer.toString(QUEUE))
            .env("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", Integer.toString(QUEUE));
    extraEnv.forEach(launcher::env);
    JvmProcess server =
        launcher
            .jar(ItJars.sampleApp())
            .args("run", "--workers", "1", "--concurrency", "4", "--config", config.toString())
            .start();
    return new FaultRun(test, dir, server);
  }

  JvmProcess server() {
    return server;
  }

  /** The pid of the first worker, once it said it started. */
  long workerPid() {
    String line = server.stdout().awaitLine(l -> STARTED.matcher(l).matches(), BOUND);
    Matcher m = STARTED.matcher(line);
    assertThat(m.matches()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Queues {@code count} vCons (a producer JVM without the agent). */
  void produce(int count) {
    try (JvmProcess p =
        JvmLauncher.forTest(test, "produce-" + System.nanoTime())
            .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
            .jar(ItJars.sampleApp())
            .removeEnv("REDIS_URL")
            .env("CONSERVER_SPOOL_DIR", dir.resolve("spool").toString())
            .args("produce", "--count", Integer.toString(count), "--ingress", "fault_in")
            .workingDir(dir)
            .start()) {
      assertThat(p.awaitExit(BOUND)).as("produce\n%s", p.outputTails()).isZero();
    }
  }

  /** How many vCons the host has stored, by its own stdout. */
  long stored() {
    return server.stdout().lines().stream().filter(l -> l.startsWith("vcon-stored ")).count();
  }

  /** Waits (bounded) until the host itself has stored {@code count} vCons. */
  void awaitStored(long count, String while_) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (stored() < count) {
      if (System.nanoTime() > deadline || !server.isAlive()) {
        throw new AssertionError(
            "the host stored "
                + stored()
                + " of "
                + count
                + " vCons "
                + while_
                + ": a host thread is held by the agent\n"
                + server.outputTails());
      }
      sleep(100);
    }
  }

  /** SIGTERM, the exit (0), and the worker's processed+failed from its summary line. */
  long stopAndCountRuns() {
    server.sendTerm();
    int code = server.awaitExit(BOUND);
    assertThat(code).as("server exit\n%s", server.outputTails()).isZero();
    long runs = 0;
    int summaries = 0;
    for (String line : server.stdout().lines()) {
      Matcher m = SUMMARY.matcher(line);
      if (m.matches()) {
        summaries++;
        runs += Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
      }
    }
    assertThat(summaries).as("summary lines\n%s", server.outputTails()).isPositive();
    return runs;
  }

  // ---- what arrived ----

  /** Sum over instances and series of the latest cumulative values of a metric. */
  static long latest(OtlpStore store, String metric, Predicate<MetricPoint> filter) {
    return store.latestCumulativePoints(metric).stream()
        .filter(filter)
        .mapToLong(p -> p.value().longValue())
        .sum();
  }

  static long runsCounted(OtlpStore store) {
    Predicate<MetricPoint> ours = p -> SCOPE.equals(p.scopeName());
    return latest(store, PROCESSED, ours) + latest(store, FAILED, ours);
  }

  static long spansReceived(OtlpStore store) {
    return store.spans(s -> SCOPE.equals(s.scopeName())).size();
  }

  static Predicate<MetricPoint> errorType(String type) {
    return p -> type.equals(p.attributes().get("error.type"));
  }

  static final Predicate<MetricPoint> ANY_ERROR = p -> p.attributes().get("error.type") != null;

  /** Spans the SDK dropped because its bounded queue was full, as the agent reports it. */
  static long spansDropped(OtlpStore store) {
    return latest(store, "otel.sdk.processor.span.processed", errorType("queue_full"));
  }

  /** Spans whose export failed (after the exporter's retries), as the agent reports it. */
  static long spansFailedToExport(OtlpStore store) {
    return latest(store, "otel.sdk.exporter.span.exported", ANY_ERROR);
  }

  /** Every span is accounted for: received, dropped at the queue, or failed at export. */
  static String spanAccount(OtlpStore store) {
    return "received="
        + spansReceived(store)
        + " dropped(queue_full)="
        + spansDropped(store)
        + " failed(export)="
        + spansFailedToExport(store);
  }

  static boolean allSpansAccountedFor(OtlpStore store, long vcons) {
    return spansReceived(store) + spansDropped(store) + spansFailedToExport(store)
        == vcons * SPANS_PER_VCON;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
