package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.E2e.Queue;
import dev.vcon.it.e2e.E2e.Summary;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our agent beside the official OpenTelemetry Java agent in the same JVMs (both orders of the
 * {@code -javaagent} flags), both exporting over http/protobuf to one receiver: each keeps its own
 * resource and scope, neither traces the other's exports, their spans made inside a chain run join
 * the vCon's trace under ours while ours never adopt theirs, no problem lines on stderr, and the
 * sample's counts still match our metrics.
 */
class OfficialAgentCoexistenceIT {
  private static final int WORKERS = 2;
  private static final int COUNT = 30;
  private static final String OFFICIAL_DISTRO = "opentelemetry-java-instrumentation";

  /** Which {@code -javaagent} comes first on the command line. */
  enum Order {
    OFFICIAL_FIRST,
    OURS_FIRST
  }

  @TempDir Path dir;

  /**
   * Tolerated stderr lines: only the JVM's own CDS notice, caused by the official agent appending
   * to the bootstrap class path (ours defines its bridge without doing so).
   */
  static boolean tolerated(String line) {
    // Workers share the supervisor's stderr, so two JVMs' copies of the line may interleave.
    return line.replace("OpenJDK 64-Bit Server VM warning: ", "").equals(E2e.CDS_LINE);
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void bothAgentsKeepTheirOwnTelemetryApart(Order order) {
    String test = "OfficialAgentCoexistenceIT." + order;
    Queue queue = Queue.spool(dir.resolve("spool"));
    Path config =
        E2e.write(
            dir.resolve("coexist.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
              flaky: {class: dev.vcon.sample.link.FailLink, options: {fraction: 0.2}}
              filter: {class: dev.vcon.sample.link.HaltLink, options: {uuid_pattern: "[0-2]$"}}
              slow: {class: dev.vcon.sample.link.DelayLink, options: {ms: 200}}
            storages:
              log: {class: dev.vcon.sample.storage.LogStorage}
              file: {class: dev.vcon.sample.storage.FileStorage, options: {path: "%s"}}
            chains:
              coexist_chain:
                links: [tag, flaky, filter, slow]
                ingress_lists: [coexist_in]
                storages: [log, file]
                parallel_storages: true
            """
                .formatted(dir.resolve("stored")));
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      JvmLauncher launcher = E2e.server(test, "server", dir, queue);
      if (order == Order.OFFICIAL_FIRST) {
        E2e.withVconAgent(launcher.javaagent(ItJars.officialAgent()));
      } else {
        E2e.withVconAgent(launcher).javaagent(ItJars.officialAgent());
      }
      // Official method spans on a link our agent also instruments: a span of theirs to keep apart.
      launcher.systemProperty(
          "otel.instrumentation.methods.include", "dev.vcon.sample.link.TagLink[run]");
      // 1 s rather than 0.5 s: six SDKs in three JVMs share two cores here.
      E2e.otlp(launcher, receiver.endpointHttp(), Protocol.HTTP_PROTOBUF)
          .env("OTEL_METRIC_EXPORT_INTERVAL", "1000");
      try (JvmProcess server = E2e.runArgs(launcher, config, WORKERS, 2).start()) {
        OtlpStore store = receiver.store();
        List<Long> pids = E2e.awaitWorkers(server, WORKERS);
        Set<String> ourIds =
            pids.stream().map(E2e::instanceId).collect(Collectors.toCollection(TreeSet::new));
        // Produced once both workers run, and slow enough that both take a share.
        E2e.produce(test, dir, queue, COUNT, "coexist_in", true);
        store.await(
            Duration.ofSeconds(180),
            "all runs counted by our metrics and jvm.* metrics of both workers from the official"
                + " agent",
            () ->
                E2e.latestSum(store, E2e.PROCESSED) + E2e.latestSum(store, E2e.FAILED) == COUNT
                    && pids.stream()
                        .allMatch(
                            pid ->
                                !store
                                    .metricPoints(
                                        p ->
                                            p.metricName().startsWith("jvm.")
                                                && pid(p.resource()) == pid)
                                    .isEmpty()));
        List<Summary> summaries = E2e.stop(server, WORKERS);

        List<MetricPoint> points = store.metricPoints();
        List<SpanRecord> spans = store.spans();
        Predicate<Map<String, Object>> ourResource =
            r -> "vcon-otel-agent".equals(r.get("telemetry.distro.name"));
        List<MetricPoint> ourPoints =
            points.stream().filter(E2e::ours).collect(Collectors.toList());
        // Our SDK's own self-monitoring metrics (BatchSpanProcessor, OTLP exporter), which
        // autoconfigure wires to our meter provider, come under our resource with the SDK's
        // standard scope names (io.opentelemetry.sdk.*, io.opentelemetry.exporters.*): they are
        // told
        // apart from the official agent's by resource, not by scope.
        List<MetricPoint> ourSdkPoints =
            points.stream()
                .filter(p -> !E2e.ours(p) && ourResource.test(p.resource()))
                .collect(Collectors.toList());
        List<MetricPoint> theirPoints =
            points.stream()
                .filter(p -> !E2e.ours(p) && !ourResource.test(p.resource()))
                .collect(Collectors.toList());
        List<SpanRecord> ourSpans =
            spans.stream()
                .filter(s -> E2e.SCOPE.equals(s.scopeName()))
                .collect(Collectors.toList());
        List<SpanRecord> theirSpans =
            spans.stream()
                .filter(s -> !E2e.SCOPE.equals(s.scopeName()))
                .collect(Collectors.toList());
        Set<String> theirScopes = new TreeSet<>();
        theirPoints.forEach(p -> theirScopes.add(p.scopeName()));
        theirSpans.forEach(sp -> theirScopes.add(sp.scopeName()));
        List<String> problems = E2e.problemLines(server, OfficialAgentCoexistenceIT::tolerated);
        List<String> agentLines =
            server.stderr().lines().stream()
                .filter(l -> l.startsWith("vcon-otel-agent") && !l.contains(" started: "))
                .collect(Collectors.toList());
        System.out.printf(
            "[%s] workers=%s our ids=%s all ids=%s our points=%d their points=%d our spans=%d their"
                + " spans=%d their scopes=%s%n  summary totals=%s%n  metric totals=%s%n  problem"
                + " lines=%s%n  other vcon-otel-agent lines=%s%n  scopes by distro=%s%n",
            test,
            pids,
            ourIds,
            store.serviceInstanceIds(),
            ourPoints.size(),
            theirPoints.size(),
            ourSpans.size(),
            theirSpans.size(),
            theirScopes,
            E2e.totals(summaries),
            E2e.metricTotals(store),
            problems,
            agentLines,
            E2e.scopeSummary(store));

        // Ours: our resource on every point and span of our scope, and only there; both workers
        // worked.
        assertThat(summaries)
            .allSatisfy(s -> assertThat(s.get("processed") + s.get("failed")).isPositive());
        assertThat(
                ourPoints.stream().map(MetricPoint::serviceInstanceId).collect(Collectors.toSet()))
            .isEqualTo(ourIds);
        assertThat(ourPoints).isNotEmpty();
        assertThat(ourSpans).isNotEmpty();
        for (Map<String, Object> r :
            ourPoints.stream().map(MetricPoint::resource).distinct().collect(Collectors.toList())) {
          assertThat(r).containsEntry("telemetry.distro.name", "vcon-otel-agent");
          assertThat(ourIds).contains((String) r.get("service.instance.id"));
          assertThat(r.get("service.instance.id")).isEqualTo(E2e.instanceId(pid(r)));
        }
        assertThat(ourSpans)
            .allSatisfy(
                s ->
                    assertThat(s.resource())
                        .isEqualTo(resourceOfPid(ourPoints, pid(s.resource()))));
        assertThat(theirPoints)
            .allSatisfy(p -> assertThat(ourResource.test(p.resource())).as(p.toString()).isFalse());
        assertThat(ourSdkPoints)
            .allSatisfy(
                p ->
                    assertThat(p.scopeName())
                        .as(p.toString())
                        .matches("io\\.opentelemetry\\.(sdk|exporters)\\..*"));
        System.out.printf(
            "[%s] our SDK self-metrics under our resource: %s%n",
            test,
            ourSdkPoints.stream()
                .map(p -> p.scopeName() + "/" + p.metricName())
                .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(theirSpans)
            .allSatisfy(s -> assertThat(ourResource.test(s.resource())).as(s.toString()).isFalse());

        // Theirs: JVM metrics under io.opentelemetry scopes with the official agent's resource, per
        // process.
        for (long pid : pids) {
          List<MetricPoint> jvm =
              theirPoints.stream()
                  .filter(p -> p.metricName().startsWith("jvm.") && pid(p.resource()) == pid)
                  .collect(Collectors.toList());
          assertThat(jvm).as("official jvm.* metrics of worker %d", pid).isNotEmpty();
          assertThat(jvm)
              .allSatisfy(
                  p -> {
                    assertThat(p.scopeName()).startsWith("io.opentelemetry");
                    assertThat(p.resource())
                        .containsEntry("telemetry.distro.name", OFFICIAL_DISTRO);
                    assertThat(p.resource().get("service.instance.id"))
                        .isNotEqualTo(E2e.instanceId(pid));
                  });
        }
        assertThat(theirScopes).allMatch(s -> s.startsWith("io.opentelemetry"));
        assertThat(theirSpans)
            .as("official method spans of TagLink.run")
            .anyMatch(s -> s.name().contains("TagLink.run"));

        // Neither traces the other's exports, and no span crosses over.
        String port = Integer.toString(receiver.httpPort());
        assertThat(spans)
            .filteredOn(s -> s.kind().equals("CLIENT"))
            .noneMatch(
                s ->
                    s.attributes().values().stream()
                        .map(String::valueOf)
                        .anyMatch(v -> v.contains(port) || v.contains("/v1/")));
        Set<String> ourSpanIds =
            ourSpans.stream().map(SpanRecord::spanId).collect(Collectors.toSet());
        Set<String> ourTraceIds =
            ourSpans.stream().map(SpanRecord::traceId).collect(Collectors.toSet());
        // Their spans made inside a chain run join the vCon's trace under a span of ours (the
        // agent shares its context); ours never take one of theirs as parent.
        Set<String> theirSpanIds =
            theirSpans.stream().map(SpanRecord::spanId).collect(Collectors.toSet());
        assertThat(ourSpans).noneMatch(s -> theirSpanIds.contains(s.parentSpanId()));
        assertThat(theirSpans)
            .filteredOn(s -> s.name().contains("TagLink.run"))
            .isNotEmpty()
            .allMatch(
                s -> ourSpanIds.contains(s.parentSpanId()) && ourTraceIds.contains(s.traceId()));
        assertThat(ourSpans.stream().filter(s -> s.name().startsWith("vcon_processing.")).count())
            .isEqualTo(COUNT);

        // The host behaves the same: its own counts equal our metrics.
        assertThat(E2e.metricTotals(store)).isEqualTo(E2e.comparableTotals(summaries));
        assertThat(problems).as("stderr problem lines").isEmpty();
      }
    }
  }

  private static long pid(Map<String, Object> resource) {
    Object pid = resource.get("process.pid");
    return pid instanceof Number n ? n.longValue() : -1;
  }

  private static Map<String, Object> resourceOfPid(List<MetricPoint> ourPoints, long pid) {
    return ourPoints.stream()
        .map(MetricPoint::resource)
        .filter(r -> pid(r) == pid)
        .findFirst()
        .orElse(Map.of());
  }
}
