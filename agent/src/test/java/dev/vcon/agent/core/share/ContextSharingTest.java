package dev.vcon.agent.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.share.fakeotel.context.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sharing our span with other instrumentation. The test's own {@code io.opentelemetry} API plays
 * the host's; a fake API of the same shape under another package plays the official agent's.
 */
class ContextSharingTest {

  private static final String FAKE_PREFIX = "dev.vcon.agent.core.share.fakeotel.";
  private static final SpanContext OURS =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final ContextSharing.ApiLookup noOfficialAgent = boot -> null;
  private final ContextSharing.ApiLookup hostOwn = ContextSharing::hostOwnApi;
  private final ContextSharing.ApiLookup fakeOfficialAgent =
      boot -> ContextApi.resolve(FAKE_PREFIX, getClass().getClassLoader(), "the fake agent");

  @AfterEach
  void resetFake() {
    Context.failing = false;
    Context.CURRENT.remove();
    Context.openScopes = 0;
  }

  private ContextSharing sharing(ContextSharing.ApiLookup official, ContextSharing.ApiLookup host) {
    return new ContextSharing(ShareMode.AUTO, official, host, problems::add);
  }

  @Test
  void aHostSpanStartedWhileOursIsSharedIsItsChildInItsTrace() {
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (SdkTracerProvider hostSdk =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build()) {
      SharedScope scope = sharing(noOfficialAgent, hostOwn).share(getClass(), OURS);
      assertThat(scope).isNotNull();
      try {
        hostSdk.get("host").spanBuilder("GET").startSpan().end();
      } finally {
        scope.close();
      }
      SpanData host = exported.getFinishedSpanItems().get(0);
      assertThat(host.getTraceId()).isEqualTo(OURS.getTraceId());
      assertThat(host.getParentSpanId()).isEqualTo(OURS.getSpanId());
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void closingRestoresTheContextThatWasCurrentBefore() {
    SpanContext hostSpan =
        SpanContext.create(
            "11111111111111111111111111111111",
            "2222222222222222",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    ContextSharing sharing = sharing(noOfficialAgent, hostOwn);
    try (Scope ignored = Span.wrap(hostSpan).makeCurrent()) {
      SharedScope outer = sharing.share(getClass(), OURS);
      SpanContext inner =
          SpanContext.create(
              OURS.getTraceId(),
              "3333333333333333",
              TraceFlags.getSampled(),
              TraceState.getDefault());
      SharedScope nested = sharing.share(getClass(), inner);
      assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo("3333333333333333");
      nested.close();
      assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(OURS.getSpanId());
      outer.close();
      assertThat(Span.current().getSpanContext()).isEqualTo(hostSpan);
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void theAmbientSpanIsReadAsARemoteContext() {
    ContextSharing sharing = sharing(noOfficialAgent, hostOwn);
    assertThat(sharing.ambient(getClass())).isNull();
    try (Scope ignored = Span.wrap(OURS).makeCurrent()) {
      SpanContext ambient = sharing.ambient(getClass());
      assertThat(ambient.getTraceId()).isEqualTo(OURS.getTraceId());
      assertThat(ambient.getSpanId()).isEqualTo(OURS.getSpanId());
      assertThat(ambient.getTraceFlags()).isEqualTo(TraceFlags.getSampled());
      assertThat(ambient.isRemote()).isTrue();
    }
  }

  @Test
  void theOfficialAgentIsUsedWhenPresentAndTheHostApiIsNotTouched() {
    AtomicInteger hostLookups = new AtomicInteger();
    ContextSharing sharing =
        sharing(
            fakeOfficialAgent,
            loader -> {
              hostLookups.incrementAndGet();
              return ContextSharing.hostOwnApi(loader);
            });
    SharedScope scope = sharing.share(getClass(), OURS);
    assertThat(Context.CURRENT.get().getSpanContext().getSpanId()).isEqualTo(OURS.getSpanId());
    assertThat(Context.CURRENT.get().getSpanContext().getTraceFlags().asByte()).isEqualTo((byte) 1);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(sharing.ambient(getClass()).getSpanId()).isEqualTo(OURS.getSpanId());
    scope.close();
    assertThat(Context.CURRENT.get()).isNull();
    assertThat(Context.openScopes).isZero();
    assertThat(hostLookups).hasValue(0);
  }

  @Test
  void eachForeignApiIsLookedUpOnceNotPerCall() {
    AtomicInteger officialLookups = new AtomicInteger();
    AtomicInteger hostLookups = new AtomicInteger();
    ContextSharing sharing =
        sharing(
            boot -> {
              officialLookups.incrementAndGet();
              return null;
            },
            loader -> {
              hostLookups.incrementAndGet();
              return null;
            });
    for (int i = 0; i < 3; i++) {
      assertThat(sharing.share(getClass(), OURS)).isNull();
      assertThat(sharing.ambient(getClass())).isNull();
    }
    assertThat(officialLookups).hasValue(1);
    assertThat(hostLookups).hasValue(1);
  }

  @Test
  void noneSharesNothingAndLooksUpNothing() {
    AtomicInteger lookups = new AtomicInteger();
    ContextSharing.ApiLookup counting =
        loader -> {
          lookups.incrementAndGet();
          return ContextSharing.hostOwnApi(loader);
        };
    ContextSharing sharing = new ContextSharing(ShareMode.NONE, counting, counting, problems::add);
    assertThat(sharing.share(getClass(), OURS)).isNull();
    try (Scope ignored = Span.wrap(OURS).makeCurrent()) {
      assertThat(sharing.ambient(getClass())).isNull();
    }
    assertThat(lookups).hasValue(0);
  }

  @Test
  void anInvalidSpanOfOursIsNotShared() {
    assertThat(sharing(noOfficialAgent, hostOwn).share(getClass(), SpanContext.getInvalid()))
        .isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void anOfficialAgentOfAnUnknownShapeTurnsSharingOffWithOneLine() {
    ContextSharing sharing =
        sharing(
            boot ->
                ContextApi.resolve(
                    "dev.vcon.agent.core.share.changedotel.", getClass().getClassLoader(), "x"),
            hostOwn);
    assertThat(sharing.share(getClass(), OURS)).isNull();
    assertThat(sharing.share(getClass(), OURS)).isNull();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("vcon-otel-agent: the OpenTelemetry Java agent is attached")
        .contains("vcon.agent.context.share");
  }

  @Test
  void aHostApiOfAnUnknownShapeIsOneLineAndOurSpansGoOn() {
    ContextSharing sharing =
        sharing(
            noOfficialAgent,
            loader -> ContextApi.resolve("dev.vcon.agent.core.share.changedotel.", loader, "x"));
    assertThat(sharing.share(getClass(), OURS)).isNull();
    assertThat(sharing.share(String.class, OURS)).isNull(); // boot class: no host API asked
    assertThat(sharing.share(ContextSharing.class, OURS)).isNull();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("is not the one expected");
  }

  @Test
  void aForeignCallThatThrowsTurnsSharingOffWithOneLine() {
    ContextSharing sharing = sharing(fakeOfficialAgent, hostOwn);
    SharedScope open = sharing.share(getClass(), OURS);
    Context.failing = true;
    assertThat(sharing.share(getClass(), OURS)).isNull();
    Context.failing = false;
    assertThat(sharing.share(getClass(), OURS)).isNull();
    open.close(); // a scope opened before still closes
    assertThat(Context.openScopes).isZero();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("sharing the vCon context with the fake agent failed");
  }

  @Test
  void theRealOfficialAgentIsAbsentFromThisJvm() throws Exception {
    assertThat(ContextSharing.officialAgentApi(null)).isNull();
    assertThat(ContextSharing.OTEL).isEqualTo("io.opentelemetry.");
  }
}
