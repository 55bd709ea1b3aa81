package dev.vcon.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.e2e.fixtures.HostOwnSdkMain;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.MetricPoint;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.SpanRecord;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A host with its own, unrelocated OpenTelemetry SDK installed as the global one, and our agent
 * instrumenting its chain classes: the host keeps its global and its telemetry (own resource), the
 * agent's telemetry keeps ours, and nothing collides (no LinkageError or ClassCastException). The
 * spans the host makes inside our spans join the vCon's trace as their children (the agent shares
 * its context through the host's own API), and nothing of ours stays current after the runs.
 */
class HostOwnSdkIT {
  private static final int RUNS = 6;
  private static final String FIXTURES = "dev.vcon.it.e2e.fixtures.";

  @Test
  void hostKeepsItsGlobalSdkAndBothTelemetriesArriveApart() throws java.io.IOException {
    String test = "HostOwnSdkIT";
    List<Path> classpath = new ArrayList<>();
    classpath.add(ItJars.testClasses());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        classpath.add(Path.of(entry));
      }
    }
    Path go = java.nio.file.Files.createTempDirectory("host-own-sdk").resolve("go");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess host =
            JvmLauncher.forTest(test, "host")
                .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .javaagent(ItJars.vconAgent())
                .systemProperty("vcon.agent.chain.methods", FIXTURES + "HostChain#process")
                .systemProperty("vcon.agent.chain.name", "this.chainName")
                .systemProperty("vcon.agent.chain.vcon-id", "this.vconId")
                .systemProperty("vcon.agent.chain.context", "this.context")
                .systemProperty("vcon.agent.link.methods", FIXTURES + "HostLink#run")
                .systemProperty("vcon.agent.link.name", "arg1")
                .systemProperty("vcon.agent.link.vcon-id", "arg0")
                .systemProperty("vcon.agent.link.index", "arg2")
                .systemProperty("vcon.agent.storage.methods", FIXTURES + "HostStorage#save")
                .systemProperty("vcon.agent.storage.name", "this.name")
                .systemProperty("vcon.agent.storage.vcon-id", "arg0")
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpointHttp())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("OTEL_METRIC_EXPORT_INTERVAL", E2e.METRIC_INTERVAL_MS)
                .env("OTEL_BSP_SCHEDULE_DELAY", E2e.SPAN_DELAY_MS)
                .classpath(classpath.toArray(Path[]::new))
                .mainClass(HostOwnSdkMain.class.getName())
                .args(receiver.endpointHttp(), Integer.toString(RUNS), go.toString())
                .start()) {
      // Sharing needs our spans' ids, which exist once the pipeline is up (its start-up line).
      host.stderr().awaitLineContaining(" started: service.instance.id=", E2e.START);
      java.nio.file.Files.createFile(go);
      int exit = host.awaitExit(E2e.START);
      OtlpStore store = receiver.store();
      String ourId = E2e.instanceId(host.pid());
      store.await(
          Duration.ofSeconds(30),
          "our " + RUNS + " roots, the host's " + RUNS + " host.work and link call spans",
          () ->
              store.spans(s -> s.name().startsWith("vcon_processing.")).size() == RUNS
                  && store.spans(s -> s.name().equals("host.work")).size() == RUNS
                  && store.spans(s -> s.name().equals("host.link.call")).size() == 2 * RUNS);

      List<SpanRecord> ourSpans = store.spans(s -> E2e.SCOPE.equals(s.scopeName()));
      List<SpanRecord> hostSpans = store.spans(s -> s.scopeName().equals("host-own"));
      List<MetricPoint> hostPoints = store.metricPoints(p -> p.scopeName().equals("host-own"));
      Set<String> ourTraces =
          ourSpans.stream().map(SpanRecord::traceId).collect(Collectors.toSet());
      List<String> output =
          Stream.concat(host.stdout().lines().stream(), host.stderr().lines().stream())
              .collect(Collectors.toList());
      System.out.printf(
          "[%s] exit=%d stdout=%s%n  resources=%s%n  our spans=%d host spans=%d host metric"
              + " points=%d metric totals=%s scopes=%s%n",
          test,
          exit,
          host.stdout().lines(),
          store.resources().stream()
              .map(r -> r.get("service.name") + "/" + r.get("service.instance.id"))
              .collect(Collectors.toCollection(LinkedHashSet::new)),
          ourSpans.size(),
          hostSpans.size(),
          hostPoints.size(),
          E2e.metricTotals(store),
          E2e.scopeSummary(store));

      // The host works and keeps its own global SDK.
      assertThat(exit).as(host.outputTails()).isZero();
      assertThat(host.stdout().lines())
          .contains(
              "host-global-set ok", "host-done runs=" + RUNS + " failed=1 saved=" + (RUNS - 1));
      assertThat(host.stdout().lines().stream().filter(l -> l.startsWith("global-is-own")))
          .hasSize(2)
          .allMatch(l -> l.startsWith("global-is-own tracer=true meter=true"));
      assertThat(output)
          .noneMatch(
              l ->
                  l.contains("LinkageError")
                      || l.contains("ClassCastException")
                      || l.contains("NoClassDefFoundError")
                      || l.contains("NoSuchMethodError")
                      || l.contains("host-unexpected"));

      assertThat(E2e.problemLines(host, l -> false)).as("stderr problem lines").isEmpty();
      assertThat(host.stdout().lines()).contains("host-context-after-runs valid=false");

      // The host's telemetry: its resource, its scope, all of it.
      assertThat(hostSpans)
          .hasSize(3 * RUNS)
          .allSatisfy(
              s ->
                  assertThat(s.resource())
                      .containsEntry("service.name", "host-own-sdk")
                      .doesNotContainKey("service.instance.id"));
      // ... each made inside a span of ours is its child, in the vCon's trace.
      for (SpanRecord work : store.spans(s -> s.name().equals("host.work"))) {
        assertThat(ourSpans)
            .as("our root is the parent of %s", work)
            .anyMatch(
                r ->
                    r.name().equals("vcon_processing.host_chain")
                        && r.spanId().equals(work.parentSpanId())
                        && r.traceId().equals(work.traceId())
                        && work.attributes()
                            .get("host.vcon")
                            .equals(r.attributes().get("vcon_id")));
      }
      for (SpanRecord call : store.spans(s -> s.name().equals("host.link.call"))) {
        assertThat(ourSpans)
            .as("our link span is the parent of %s", call)
            .anyMatch(
                l ->
                    l.name().equals("link." + call.attributes().get("host.link"))
                        && l.spanId().equals(call.parentSpanId())
                        && l.traceId().equals(call.traceId()));
      }
      assertThat(hostSpans).allMatch(s -> ourTraces.contains(s.traceId()));
      store.await(
          Duration.ofSeconds(10),
          "host.own.runs = " + RUNS,
          () ->
              store.latestCumulativePoints("host.own.runs").stream()
                  .anyMatch(p -> p.value().longValue() == RUNS));
      assertThat(hostPoints)
          .isNotEmpty()
          .allSatisfy(
              p ->
                  assertThat(p.resource())
                      .containsEntry("service.name", "host-own-sdk")
                      .doesNotContainEntry("telemetry.distro.name", "vcon-otel-agent"));

      // Ours: our resource, our scope, the chain as configured.
      assertThat(ourSpans)
          .isNotEmpty()
          .allSatisfy(
              s ->
                  assertThat(s.resource())
                      .containsEntry("service.instance.id", ourId)
                      .containsEntry("telemetry.distro.name", "vcon-otel-agent"));
      assertThat(store.spans(s -> !E2e.SCOPE.equals(s.scopeName())))
          .allSatisfy(
              s ->
                  assertThat(s.resource())
                      .doesNotContainEntry("telemetry.distro.name", "vcon-otel-agent"));
      List<SpanRecord> roots = store.spans(s -> s.name().equals("vcon_processing.host_chain"));
      assertThat(roots).hasSize(RUNS).allSatisfy(r -> assertThat(r.parentSpanId()).isEmpty());
      assertThat(roots.stream().filter(r -> r.links().size() == 1)).hasSize(RUNS / 2);
      assertThat(roots.stream().filter(r -> r.statusCode().equals("ERROR"))).hasSize(1);
      assertThat(
              ourSpans.stream()
                  .filter(s -> s.name().startsWith("link."))
                  .map(SpanRecord::name)
                  .collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("link.first", "link.second");
      assertThat(ourSpans.stream().filter(s -> s.name().equals("storage.memory")))
          .hasSize(RUNS - 1);
      Map<String, Long> totals = E2e.metricTotals(store);
      assertThat(totals)
          .containsEntry("processed", (long) RUNS - 1)
          .containsEntry("failed", 1L)
          .containsEntry("stored", (long) RUNS - 1)
          .containsEntry("link_error", 1L);
      assertThat(store.metricPoints(E2e::ours))
          .allSatisfy(p -> assertThat(p.resource()).containsEntry("service.instance.id", ourId));
    }
  }
}
