package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker's behaviour with an in-memory SDK: no bytecode, the dispatcher called directly. */
class ChainRunTrackerTest {

  private static final int CHAIN = 0;
  private static final int LINK = 1;
  private static final int STORAGE = 2;
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicReference<Telemetry> telemetry = new AtomicReference<>();
  private final AtomicBoolean sourceFails = new AtomicBoolean();
  private final AtomicBoolean endFails = new AtomicBoolean();
  private ChainRunTracker tracker;

  /** Stands for a failure inside the agent while a call ends. */
  private final class FailingOnEnd implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (endFails.get()) {
        throw new IllegalStateException("broken exporter");
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /** What the configuration's expressions read, like a host's chain request. */
  static final class Request {
    final String name;
    final String vconId;
    final Object context;

    Request(String name, String vconId, Object context) {
      this.name = name;
      this.vconId = vconId;
      this.context = context;
    }
  }

  /** A receiver whose vCon changes between calls: a chain recursing for the vCons it spawns. */
  static final class Recursing {
    final String name = "main";
    String vconId;
    Object context;
  }

  static final class Store {
    String getName() {
      return "file";
    }
  }

  @BeforeEach
  void setUp() {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .addSpanProcessor(new FailingOnEnd())
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    telemetry.set(
        Telemetry.over(ProcessIdentity.detect(InstanceIdSetting.DEFAULT, PidSource.system()), sdk));
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", "x.Chain#process");
    sys.put("vcon.agent.chain.name", "this.name");
    sys.put("vcon.agent.chain.vcon-id", "this.vconId");
    sys.put("vcon.agent.chain.context", "this.context");
    sys.put("vcon.agent.link.methods", "x.Link#run");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.put("vcon.agent.link.index", "arg2");
    sys.put("vcon.agent.storage.methods", "x.Storage#save");
    sys.put("vcon.agent.storage.name", "this.name");
    sys.put("vcon.agent.storage.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    TelemetrySource source =
        () -> {
          if (sourceFails.get()) {
            throw new IllegalStateException("broken source");
          }
          return telemetry.get();
        };
    tracker = new ChainRunTracker(source, config.roles(), problems::add);
    assertThat(tracker.methods().register(Role.CHAIN, "x.Chain", "x.Chain#process()").id())
        .isEqualTo(CHAIN);
    assertThat(
            tracker.methods().register(Role.LINK, "x.Link", "x.Link#run(String, String, int)").id())
        .isEqualTo(LINK);
    assertThat(tracker.methods().register(Role.STORAGE, "x.Storage", "x.Storage#save(String)").id())
        .isEqualTo(STORAGE);
  }

  @Test
  void aChainRunIsARootSpanEvenUnderAnAmbientSpanAndLinksToItsUpstreamContext() {
    Map<String, Object> upstream = new HashMap<>();
    upstream.put("trace_id", TRACE_ID);
    upstream.put("span_id", SPAN_ID);
    upstream.put("trace_flags", 1);
    SpanContext ambient =
        SpanContext.create(
            "11111111111111111111111111111111",
            "2222222222222222",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    try (Scope ignored = Span.wrap(ambient).makeCurrent()) {
      run(new Request("main", "v-1", upstream), null, null);
    }

    SpanData root = single("vcon_processing.main");
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    assertThat(root.getTraceId()).isNotEqualTo(ambient.getTraceId());
    assertThat(root.getAttributes().get(AttributeKey.stringKey("vcon_id"))).isEqualTo("v-1");
    assertThat(root.getAttributes().get(AttributeKey.stringKey("vcon.uuid"))).isEqualTo("v-1");
    assertThat(root.getAttributes().get(AttributeKey.stringKey("chain_name"))).isEqualTo("main");
    assertThat(root.getLinks()).hasSize(1);
    SpanContext linked = root.getLinks().get(0).getSpanContext();
    assertThat(linked.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(linked.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(linked.isRemote()).isTrue();
    assertThat(linked.isSampled()).isTrue();
  }

  @Test
  void aMissingOrZeroUpstreamContextGivesNoLinkAndNoFailure() {
    Map<String, Object> zero = new HashMap<>();
    zero.put("trace_id", "00000000000000000000000000000000");
    zero.put("span_id", "0000000000000000");
    run(new Request("main", "v-1", zero), null, null);
    run(new Request("main", "v-2", "not a traceparent"), null, null);
    run(new Request("main", "v-3", null), null, null);

    assertThat(spans.getFinishedSpanItems())
        .hasSize(3)
        .allSatisfy(span -> assertThat(span.getLinks()).isEmpty());
    assertThat(problems).isEmpty();
  }

  @Test
  void linksAndStoragesNestUnderTheirRunWithOutcomes() {
    Request request = new Request("main", "v-1", null);
    ExitHandle chain = tracker.enter(CHAIN, request, new Object[0]);
    link("v-1", "tag", 0, "v-1", null);
    link("v-1", "skip", 1, null, null);
    link("v-1", "no", 2, Boolean.FALSE, null);
    link("v-1", "empty", 3, "", null);
    link("v-1", "none", 4, Optional.empty(), null);
    ExitHandle storage = tracker.enter(STORAGE, new Store(), new Object[] {"v-1"});
    storage.exit(null, null);
    chain.exit(7, null);

    SpanData root = single("vcon_processing.main");
    List<SpanData> children = new ArrayList<>(spans.getFinishedSpanItems());
    children.remove(root);
    assertThat(children)
        .hasSize(6)
        .allSatisfy(
            child -> {
              assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
              assertThat(child.getParentSpanId()).isEqualTo(root.getSpanId());
              assertThat(child.getAttributes().get(AttributeKey.stringKey("chain_name")))
                  .isEqualTo("main");
            });
    assertThat(single("link.tag").getAttributes().get(AttributeKey.longKey("link_index")))
        .isEqualTo(0L);
    assertThat(counter("conserver.link.count", "link_name", "tag", "success")).isEqualTo(1);
    for (String halted : new String[] {"skip", "no", "empty", "none"}) {
      assertThat(counter("conserver.link.count", "link_name", halted, "halt")).isEqualTo(1);
    }
    assertThat(counter("conserver.storage.count", "backend", "file", "success")).isEqualTo(1);
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(1);
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
  }

  @Test
  void aStorageWriteOnAnotherThreadFindsItsRunThroughTheVconId() throws Exception {
    ExitHandle chain = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    CompletableFuture.runAsync(
            () -> tracker.enter(STORAGE, new Store(), new Object[] {"v-1"}).exit(null, null))
        .get();
    chain.exit(null, null);

    assertThat(single("storage.file").getParentSpanId())
        .isEqualTo(single("vcon_processing.main").getSpanId());
  }

  @Test
  void aStorageWriteUnderTheUuidALinkReturnedStillNests() throws Exception {
    ExitHandle chain = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    link("v-1", "copy", 0, "v-2", null);
    CompletableFuture.runAsync(
            () -> tracker.enter(STORAGE, new Store(), new Object[] {"v-2"}).exit(null, null))
        .get();
    chain.exit(null, null);

    assertThat(single("storage.file").getParentSpanId())
        .isEqualTo(single("vcon_processing.main").getSpanId());
  }

  @Test
  void aWriteOfAnotherVconDuringARunStartsItsOwnTrace() {
    ExitHandle chain = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    tracker.enter(STORAGE, new Store(), new Object[] {"v-other"}).exit(null, null);
    chain.exit(null, null);

    SpanData storage = single("storage.file");
    assertThat(storage.getParentSpanContext().isValid()).isFalse();
    assertThat(storage.getTraceId()).isNotEqualTo(single("vcon_processing.main").getTraceId());
  }

  @Test
  void aLinkWithoutARunStartsItsOwnTraceAndStillCounts() {
    link("v-9", "tag", 0, "v-9", null);

    SpanData span = single("link.tag");
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(counter("conserver.link.count", "link_name", "tag", "success")).isEqualTo(1);
  }

  @Test
  void aFailedRunIsAnErrorWithItsExceptionAndCountsAsFailed() {
    IllegalStateException failure = new IllegalStateException("link broke");
    ExitHandle chain = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    link("v-1", "fail", 0, null, failure);
    chain.exit(null, failure);

    for (String name : new String[] {"vcon_processing.main", "link.fail"}) {
      SpanData span = single(name);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getStatus().getDescription()).isEqualTo("link broke");
      assertThat(span.getEvents())
          .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }
    assertThat(chainCounter("conserver.main_loop.count_vcons_failed")).isEqualTo(1);
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isZero();
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
    assertThat(counter("conserver.link.count", "link_name", "fail", "error")).isEqualTo(1);
  }

  @Test
  void aReentrantCallOnTheSameReceiverIsOneRunCountedOnce() {
    Request request = new Request("main", "v-1", null);
    ExitHandle outer = tracker.enter(CHAIN, request, new Object[0]);
    ExitHandle inner = tracker.enter(CHAIN, request, new Object[] {true});
    assertThat(inner).isNull();
    outer.exit(null, null);

    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(1);
  }

  @Test
  void aRunThatStartsWithoutAPipelineRecordsNothingAtAll() {
    Telemetry ready = telemetry.getAndSet(null);
    ExitHandle early = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    assertThat(early).isNull();
    telemetry.set(ready);

    ExitHandle later = tracker.enter(CHAIN, new Request("main", "v-2", null), new Object[0]);
    later.exit(null, null);
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(1);
  }

  @Test
  void aNullChainNameBecomesUnknownAndNoMetricCarriesTheVconId() {
    run(new Request(null, "v-secret", null), null, null);

    assertThat(single("vcon_processing.unknown")).isNotNull();
    Collection<MetricData> all = metrics.collectAllMetrics();
    assertThat(
            sum(
                all,
                "conserver.main_loop.count_vcons_processed",
                Attributes.of(AttributeKey.stringKey("chain.name"), "unknown")))
        .as("the run is counted, under chain.name=unknown")
        .isEqualTo(1);
    int points = 0;
    for (MetricData metric : all) {
      for (PointData point : metric.getData().getPoints()) {
        points++;
        point
            .getAttributes()
            .forEach((key, value) -> assertThat(String.valueOf(value)).doesNotContain("v-secret"));
      }
    }
    assertThat(points).as("metric points checked").isPositive();
  }

  @Test
  void aFailureInsideTheAgentOnEntryIsCountedAgainstItsRoleAndReportedOnce() {
    sourceFails.set(true);

    assertThat(tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0])).isNull();
    assertThat(tracker.enter(CHAIN, new Request("main", "v-2", null), new Object[0])).isNull();

    assertThat(tracker.internalErrors(Role.CHAIN)).isEqualTo(2);
    assertThat(tracker.internalErrors(Role.LINK)).isZero();
    assertThat(problems)
        .filteredOn(line -> line.contains("internal error"))
        .singleElement()
        .asString()
        .contains("recording a chain call");
  }

  @Test
  void aFailureInsideTheAgentOnExitIsCountedAndNeverReachesTheHost() {
    ExitHandle storage = tracker.enter(STORAGE, new Store(), new Object[] {"v-1"});
    ExitHandle link = tracker.enter(LINK, new Object(), new Object[] {"v-1", "tag", 0});
    endFails.set(true);

    link.exit("v-1", null); // must not throw
    storage.exit(null, null);

    assertThat(tracker.internalErrors(Role.LINK)).isEqualTo(1);
    assertThat(tracker.internalErrors(Role.STORAGE)).isEqualTo(1);
    assertThat(problems)
        .filteredOn(line -> line.contains("internal error"))
        .hasSize(2)
        .anyMatch(line -> line.contains("recording a link call"))
        .anyMatch(line -> line.contains("recording a storage call"));
  }

  @Test
  void aRunSpanningAPipelineRebuildEndsOnTheGenerationThatStartedIt() {
    ExitHandle spanning = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    InMemoryMetricReader newReader = InMemoryMetricReader.create();
    InMemorySpanExporter newSpans = InMemorySpanExporter.create();
    telemetry.set(
        Telemetry.over(
            ProcessIdentity.detect(InstanceIdSetting.DEFAULT, PidSource.system()),
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(newSpans))
                        .build())
                .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(newReader).build())
                .build()));

    run(new Request("main", "v-2", null), null, null);
    spanning.exit(null, null);

    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(1);
    assertThat(newSpans.getFinishedSpanItems()).hasSize(1);
    long newInflight = 0;
    long newProcessed = 0;
    for (MetricData data : newReader.collectAllMetrics()) {
      for (PointData point : data.getData().getPoints()) {
        if (data.getName().equals("conserver.vcons.inflight")) {
          newInflight += ((LongPointData) point).getValue();
        } else if (data.getName().equals("conserver.main_loop.count_vcons_processed")) {
          newProcessed += ((LongPointData) point).getValue();
        }
      }
    }
    assertThat(newInflight).as("never negative on the new generation").isZero();
    assertThat(newProcessed).isEqualTo(1);
  }

  @Test
  void inFlightFollowsOpenRuns() {
    ExitHandle chain = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    assertThat(tracker.inFlight()).isEqualTo(1);
    assertThat(chainCounter("conserver.vcons.inflight")).isEqualTo(1);
    chain.exit(null, null);
    assertThat(tracker.inFlight()).isZero();
  }

  @Test
  void aNestedCallOnTheSameReceiverForAnotherVconIsARunOfItsOwn() {
    Recursing chain = new Recursing();
    List<ExitHandle> handles = new ArrayList<>();
    for (int depth = 0; depth < 7; depth++) {
      chain.vconId = "v-" + depth;
      handles.add(tracker.enter(CHAIN, chain, new Object[0]));
    }
    for (int i = handles.size() - 1; i >= 0; i--) {
      handles.get(i).exit(null, null);
    }

    assertThat(spans.getFinishedSpanItems())
        .hasSize(7)
        .allMatch(s -> s.getParentSpanId().equals(SpanId.getInvalid()));
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(7);
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
  }

  @Test
  void aNestedCallOnTheSameReceiverForTheSameVconStaysOneRun() {
    Recursing chain = new Recursing();
    chain.vconId = "v-1";
    ExitHandle outer = tracker.enter(CHAIN, chain, new Object[0]);
    assertThat(tracker.enter(CHAIN, chain, new Object[] {"overload"})).isNull();
    outer.exit(null, null);

    assertThat(spans.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void aRunWhoseExitNeverCameIsAbandonedWhenTheRunBelowItEnds() {
    ExitHandle outer = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    // the inner run's exit advice found no stack left (StackOverflowError): it never exits
    assertThat(tracker.enter(CHAIN, new Request("main", "v-2", null), new Object[0])).isNotNull();
    outer.exit(null, null);

    assertThat(tracker.inFlight()).isZero();
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(1);
    assertThat(spans.getFinishedSpanItems())
        .filteredOn(s -> s.getStatus().getStatusCode() == StatusCode.ERROR)
        .extracting(s -> s.getAttributes().get(AttributeKey.stringKey("vcon_id")))
        .containsExactly("v-2");
    // the thread's stack of runs is clean: a new run is a root of its own, not nested in v-2
    run(new Request("main", "v-2", null), null, null);
    assertThat(chainCounter("conserver.main_loop.count_vcons_processed")).isEqualTo(2);
  }

  @Test
  void theExitDrainCountsOnlyRunsWhoseThreadCanStillEndThem() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Thread daemon = runParkedOn("v-daemon", true, started, release);
    Thread worker = runParkedOn("v-worker", false, started, release);
    started.await();

    assertThat(tracker.inFlight()).isEqualTo(2);
    assertThat(tracker.runsThatCanStillEnd()).as("the daemon's run is not waited for").isEqualTo(1);

    Thread dying =
        new Thread(() -> tracker.enter(CHAIN, new Request("main", "v-dead", null), new Object[0]));
    dying.start();
    dying.join();
    assertThat(tracker.inFlight()).isEqualTo(3);
    assertThat(tracker.runsThatCanStillEnd())
        .as("the dead thread's run is not waited for")
        .isEqualTo(1);

    assertThat(tracker.abandonOpenRuns()).isEqualTo(3);
    assertThat(chainCounter("conserver.vcons.inflight")).isZero();
    release.countDown();
    daemon.join();
    worker.join();
    assertThat(chainCounter("conserver.vcons.inflight"))
        .as("a late exit gives back nothing twice")
        .isZero();
    assertThat(spans.getFinishedSpanItems()).hasSize(3);
  }

  private Thread runParkedOn(
      String vconId, boolean daemon, CountDownLatch started, CountDownLatch release) {
    Thread thread =
        new Thread(
            () -> {
              ExitHandle handle =
                  tracker.enter(CHAIN, new Request("main", vconId, null), new Object[0]);
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              handle.exit(null, null);
            });
    thread.setDaemon(daemon);
    thread.start();
    return thread;
  }

  private void run(Request request, Object result, Throwable thrown) {
    tracker.enter(CHAIN, request, new Object[0]).exit(result, thrown);
  }

  private void link(String vconId, String name, int index, Object result, Throwable thrown) {
    tracker.enter(LINK, new Object(), new Object[] {vconId, name, index}).exit(result, thrown);
  }

  private SpanData single(String name) {
    List<SpanData> named = new ArrayList<>();
    for (SpanData span : spans.getFinishedSpanItems()) {
      if (span.getName().equals(name)) {
        named.add(span);
      }
    }
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  private long chainCounter(String metric) {
    return sum(metric, Attributes.of(AttributeKey.stringKey("chain.name"), "main"));
  }

  private long counter(String metric, String nameKey, String name, String outcome) {
    return sum(
        metric,
        Attributes.of(
            AttributeKey.stringKey(nameKey), name, AttributeKey.stringKey("outcome"), outcome));
  }

  private long sum(String metric, Attributes attributes) {
    return sum(metrics.collectAllMetrics(), metric, attributes);
  }

  private static long sum(Collection<MetricData> all, String metric, Attributes attributes) {
    long total = 0;
    for (MetricData data : all) {
      if (data.getName().equals(metric)) {
        for (PointData point : data.getData().getPoints()) {
          if (point.getAttributes().equals(attributes)) {
            total += ((LongPointData) point).getValue();
          }
        }
      }
    }
    return total;
  }
}
