package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.share.ContextSharing;
import dev.vcon.agent.core.share.ShareMode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker sharing its open span with a host's own OpenTelemetry API (this test's unrelocated
 * API plays the host's, with a host SDK of its own), and the egress role handing the root's context
 * on. The official agent's path is the same code over its shaded API ({@code ContextSharingTest},
 * {@code ContextSharingIT}).
 */
class SharedContextTrackingTest {

  private static final int CHAIN = 0;
  private static final int LINK = 1;
  private static final int STORAGE = 2;
  private static final int EGRESS = 3;

  private final InMemorySpanExporter ours = InMemorySpanExporter.create();
  private final InMemorySpanExporter hostExported = InMemorySpanExporter.create();
  private final SdkTracerProvider hostSdk =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(hostExported))
          .build();
  private final Tracer host = hostSdk.get("host");
  private final List<String> problems = new CopyOnWriteArrayList<>();

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

  static final class Store {}

  static final class Egress {}

  @AfterEach
  void closeHostSdk() {
    hostSdk.close();
  }

  private ChainRunTracker tracker(ShareMode mode) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(ours))
                    .build())
            .build();
    Telemetry telemetry =
        Telemetry.over(ProcessIdentity.detect(InstanceIdSetting.DEFAULT, PidSource.system()), sdk);
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", "x.Chain#process");
    sys.put("vcon.agent.chain.name", "this.name");
    sys.put("vcon.agent.chain.vcon-id", "this.vconId");
    sys.put("vcon.agent.chain.context", "this.context");
    sys.put("vcon.agent.link.methods", "x.Link#run");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.put("vcon.agent.storage.methods", "x.Storage#save");
    sys.put("vcon.agent.storage.name", "'file'");
    sys.put("vcon.agent.storage.vcon-id", "arg0");
    sys.put("vcon.agent.egress.methods", "x.Egress#handOff");
    sys.put("vcon.agent.egress.vcon-id", "arg1");
    sys.put("vcon.agent.egress.carrier", "arg2");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    ChainRunTracker tracker =
        new ChainRunTracker(
            () -> telemetry,
            config.roles(),
            ContextSharing.create(mode, problems::add),
            problems::add);
    tracker.methods().register(Role.CHAIN, "x.Chain", "x.Chain#process()");
    tracker.methods().register(Role.LINK, "x.Link", "x.Link#run(String, String, int)");
    tracker.methods().register(Role.STORAGE, "x.Storage", "x.Storage#save(String)");
    assertThat(
            tracker
                .methods()
                .register(Role.EGRESS, "x.Egress", "x.Egress#handOff(String, String, Map)")
                .id())
        .isEqualTo(EGRESS);
    return tracker;
  }

  private ExitHandle link(ChainRunTracker tracker, String vconId, String name) {
    return tracker.enter(LINK, this, new Object[] {vconId, name, 0});
  }

  private SpanData ourSpan(String name) {
    return ours.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + ours));
  }

  private SpanData hostSpan(String name) {
    return hostExported.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no host span " + name));
  }

  @Test
  void hostSpansInsideALinkOrTheRunAreChildrenOfOurInnermostSpan() {
    ChainRunTracker tracker = tracker(ShareMode.AUTO);
    ExitHandle run = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
    host.spanBuilder("before-links").startSpan().end();
    ExitHandle link = link(tracker, "v-1", "transcribe");
    host.spanBuilder("http-call").startSpan().end();
    link.exit("v-1", null);
    ExitHandle storage = tracker.enter(STORAGE, new Store(), new Object[] {"v-1"});
    host.spanBuilder("jdbc-insert").startSpan().end();
    storage.exit(null, null);
    run.exit(null, null);

    SpanData root = ourSpan("vcon_processing.main");
    assertThat(hostSpan("before-links").getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(hostSpan("http-call").getParentSpanId())
        .isEqualTo(ourSpan("link.transcribe").getSpanId());
    assertThat(hostSpan("jdbc-insert").getParentSpanId())
        .isEqualTo(ourSpan("storage.file").getSpanId());
    assertThat(hostExported.getFinishedSpanItems())
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(root.getTraceId()));
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(problems).isEmpty();
  }

  @Test
  void aThrowingLinkRestoresTheRootAndTheRunRestoresWhatWasCurrentBefore() {
    ChainRunTracker tracker = tracker(ShareMode.AUTO);
    Span server = host.spanBuilder("POST /vcons").startSpan();
    try (Scope ignored = server.makeCurrent()) {
      ExitHandle run = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
      SpanContext rootContext = Span.current().getSpanContext();
      ExitHandle link = link(tracker, "v-1", "fails");
      assertThat(Span.current().getSpanContext().getSpanId()).isNotEqualTo(rootContext.getSpanId());
      link.exit(null, new IllegalStateException("link failed"));
      assertThat(Span.current().getSpanContext()).isEqualTo(rootContext);
      run.exit(null, new IllegalStateException("chain failed"));
      assertThat(Span.current()).isSameAs(server);
    } finally {
      server.end();
    }
    assertThat(rootContextOf("vcon_processing.main").getSpanId())
        .isNotEqualTo(server.getSpanContext().getSpanId());
  }

  private SpanContext rootContextOf(String name) {
    return ourSpan(name).getSpanContext();
  }

  @Test
  void theAmbientSpanIsASecondLinkOfTheRootNeverItsParent() {
    ChainRunTracker tracker = tracker(ShareMode.AUTO);
    Map<String, Object> upstream = new HashMap<>();
    upstream.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    Span server = host.spanBuilder("POST /vcons").startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracker.enter(CHAIN, new Request("main", "v-1", upstream), new Object[0]).exit(null, null);
    } finally {
      server.end();
    }

    SpanData root = ourSpan("vcon_processing.main");
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    assertThat(root.getTraceId()).isNotEqualTo(server.getSpanContext().getTraceId());
    assertThat(root.getLinks())
        .extracting(l -> l.getSpanContext().getSpanId())
        .containsExactly("00f067aa0ba902b7", server.getSpanContext().getSpanId());
  }

  @Test
  void withSharingOffNothingIsMadeCurrentAndNoAmbientLink() {
    ChainRunTracker tracker = tracker(ShareMode.NONE);
    Span server = host.spanBuilder("POST /vcons").startSpan();
    try (Scope ignored = server.makeCurrent()) {
      ExitHandle run = tracker.enter(CHAIN, new Request("main", "v-1", null), new Object[0]);
      ExitHandle link = link(tracker, "v-1", "transcribe");
      host.spanBuilder("http-call").startSpan().end();
      link.exit("v-1", null);
      run.exit(null, null);
    } finally {
      server.end();
    }
    assertThat(hostSpan("http-call").getParentSpanId())
        .isEqualTo(server.getSpanContext().getSpanId());
    assertThat(ourSpan("vcon_processing.main").getLinks()).isEmpty();
  }

  @Test
  void egressPutsTheRootsContextIntoTheCarrierAndTheNextRunLinksToIt() {
    ChainRunTracker tracker = tracker(ShareMode.NONE);
    Map<String, String> headers = new HashMap<>();
    ExitHandle run = tracker.enter(CHAIN, new Request("first", "v-1", null), new Object[0]);
    ExitHandle link = link(tracker, "v-1", "tag");
    // Inside a link, still the root's context is handed on, not the link's.
    assertThat(tracker.enter(EGRESS, new Egress(), new Object[] {"next_in", "v-1", headers}))
        .isNull();
    link.exit("v-1", null);
    run.exit(null, null);
    SpanData first = ourSpan("vcon_processing.first");
    String flags = headers.get("trace_flags");
    assertThat(headers)
        .containsEntry(
            "traceparent", "00-" + first.getTraceId() + "-" + first.getSpanId() + "-" + flags)
        .containsEntry("trace_id", first.getTraceId())
        .containsEntry("span_id", first.getSpanId());
    // sampled; the SDK may also set W3C level 2's random-trace-id bit (03)
    assertThat(Integer.parseInt(flags, 16) & 1).isEqualTo(1);

    tracker
        .enter(CHAIN, new Request("second", "v-1", new HashMap<>(headers)), new Object[0])
        .exit(null, null);
    SpanData second = ourSpan("vcon_processing.second");
    assertThat(second.getTraceId()).isNotEqualTo(first.getTraceId());
    assertThat(second.getLinks())
        .extracting(l -> l.getSpanContext().getTraceId() + "/" + l.getSpanContext().getSpanId())
        .containsExactly(first.getTraceId() + "/" + first.getSpanId());
  }

  @Test
  void egressOnAnotherThreadFindsTheRootByVconId() {
    ChainRunTracker tracker = tracker(ShareMode.NONE);
    ExitHandle run = tracker.enter(CHAIN, new Request("first", "v-7", null), new Object[0]);
    Map<String, String> headers = new HashMap<>();
    CompletableFuture.runAsync(
            () -> tracker.enter(EGRESS, new Egress(), new Object[] {"out", "v-7", headers}))
        .join();
    run.exit(null, null);
    assertThat(headers).containsEntry("span_id", ourSpan("vcon_processing.first").getSpanId());
  }

  @Test
  void egressWithoutARunForThatVconOrWithAnImmutableCarrierChangesNothing() {
    ChainRunTracker tracker = tracker(ShareMode.NONE);
    Map<String, String> headers = new HashMap<>();
    tracker.enter(EGRESS, new Egress(), new Object[] {"out", "v-unknown", headers});
    assertThat(headers).isEmpty();
    assertThat(problems).isEmpty();

    ExitHandle run = tracker.enter(CHAIN, new Request("first", "v-1", null), new Object[0]);
    Map<String, String> frozen = Collections.emptyMap();
    tracker.enter(EGRESS, new Egress(), new Object[] {"out", "v-1", frozen});
    tracker.enter(EGRESS, new Egress(), new Object[] {"out", "v-1", frozen});
    run.exit(null, null);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .contains("x.Egress#handOff(String, String, Map)")
        .contains("cannot be changed");
    assertThat(tracker.internalErrors(Role.EGRESS)).isZero();
  }

  @Test
  void aThrowingStorageOfNoRunSharesItsOwnSpanAndLeavesNothingCurrent() {
    ChainRunTracker tracker = tracker(ShareMode.AUTO);
    ExitHandle storage = tracker.enter(STORAGE, new Store(), new Object[] {"v-9"});
    host.spanBuilder("jdbc-insert").startSpan().end();
    storage.exit(null, new RuntimeException("disk full"));
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(hostSpan("jdbc-insert").getParentSpanId())
        .isEqualTo(ourSpan("storage.file").getSpanId());
  }
}
