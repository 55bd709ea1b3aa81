package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Values a host passes that the agent must survive without keeping them whole or losing the run:
 * huge names, broken UTF-16, objects whose {@code toString} throws.
 */
class HostileValuesTest {

  private static final int CHAIN = 0;
  private static final int LINK = 1;
  private static final AttributeKey<String> CHAIN_NAME = AttributeKey.stringKey("chain_name");
  private static final AttributeKey<String> VCON_ID = AttributeKey.stringKey("vcon_id");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  /** A host value whose text the agent must not get. */
  static final class ThrowingText implements CharSequence {
    private final boolean error;

    /**
     * @param error throw an {@code Error}, as a broken host class may, not an exception
     */
    ThrowingText(boolean error) {
      this.error = error;
    }

    @Override
    public String toString() {
      if (error) {
        throw new AssertionError("no text\nfor you");
      }
      throw new IllegalStateException("no text\nfor you");
    }

    @Override
    public int length() {
      throw new IllegalStateException("no length");
    }

    @Override
    public char charAt(int index) {
      throw new IllegalStateException("no char");
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      throw new IllegalStateException("no sub");
    }
  }

  private ChainRunTracker tracker(Map<String, String> extra) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    Telemetry telemetry =
        Telemetry.over(ProcessIdentity.detect(InstanceIdSetting.DEFAULT, PidSource.system()), sdk);
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", "x.Chain#process");
    sys.put("vcon.agent.chain.name", "arg0");
    sys.put("vcon.agent.chain.vcon-id", "arg1");
    sys.put("vcon.agent.chain.context", "arg2");
    sys.put("vcon.agent.link.methods", "x.Link#run");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.putAll(extra);
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    ChainRunTracker tracker =
        new ChainRunTracker(
            () -> telemetry, config.roles(), config.valueLengthLimit(), problems::add);
    tracker.methods().register(Role.CHAIN, "x.Chain", "x.Chain#process(Object, Object, Object)");
    tracker.methods().register(Role.LINK, "x.Link", "x.Link#run(Object, Object)");
    for (int i = 0; i < 24; i++) {
      tracker
          .methods()
          .register(Role.CHAIN, "x.Chain", "x.Chain#process(Object, Object, int" + i + ")");
    }
    return tracker;
  }

  private static void run(ChainRunTracker tracker, Object name, Object vconId, Object context) {
    ExitHandle handle = tracker.enter(CHAIN, null, new Object[] {name, vconId, context});
    assertThat(handle).as("the run is recorded").isNotNull();
    handle.exit(null, null);
  }

  private static String repeat(char c, int n) {
    char[] chars = new char[n];
    java.util.Arrays.fill(chars, c);
    return new String(chars);
  }

  @Test
  void aTenMillionCharNameIsCutToTheDefaultLimitInSpansAndMetrics() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    String huge = repeat('c', 10_000_000);
    run(tracker, huge, repeat('v', 2_000_000), null);

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getAttributes().get(CHAIN_NAME))
        .hasSize(1000)
        .isEqualTo(huge.substring(0, 1000));
    assertThat(span.getAttributes().get(VCON_ID)).hasSize(1000);
    assertThat(span.getName()).hasSize("vcon_processing.".length() + 1000);
    for (MetricData metric : metrics.collectAllMetrics()) {
      for (PointData point : metric.getData().getPoints()) {
        String value = point.getAttributes().get(ConserverMetrics.CHAIN_NAME);
        assertThat(value).as(metric.getName()).isEqualTo(huge.substring(0, 1000));
      }
    }
  }

  @Test
  void otelAttributeValueLengthLimitIsHonoured() {
    Map<String, String> limit = new HashMap<>();
    limit.put("otel.attribute.value.length.limit", "12");
    ChainRunTracker tracker = tracker(limit);
    run(tracker, "a-chain-name-longer-than-twelve", "v-1", null);

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getAttributes().get(CHAIN_NAME)).isEqualTo("a-chain-name");
    assertThat(span.getName()).isEqualTo("vcon_processing.a-chain-name");
    assertThat(problems).isEmpty();
  }

  @Test
  void namesWithNewlinesAndUnpairedSurrogatesAreKeptAsValidText() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    run(tracker, "two\nlines", "v-\uD800-x", null);

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getAttributes().get(CHAIN_NAME)).isEqualTo("two\nlines");
    assertThat(span.getAttributes().get(VCON_ID)).isEqualTo("v-\uFFFD-x");
  }

  @Test
  void aNameWhoseToStringThrowsLosesOnlyThatValue() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    run(tracker, new ThrowingText(false), "v-1", null);
    run(tracker, new ThrowingText(true), "v-2", null);

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).extracting(SpanData::getName).containsOnly("vcon_processing.unknown");
    assertThat(finished.get(1).getAttributes().get(VCON_ID)).isEqualTo("v-2");
    assertThat(tracker.internalErrors(Role.CHAIN)).isZero();
  }

  @Test
  void aContextWhoseToStringThrowsLosesOnlyTheLink() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    run(tracker, "main", "v-1", new ThrowingText(false));
    run(tracker, "main", "v-2", new ThrowingText(true));

    assertThat(spans.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(
            span -> {
              assertThat(span.getName()).isEqualTo("vcon_processing.main");
              assertThat(span.getLinks()).isEmpty();
            });
    assertThat(tracker.internalErrors(Role.CHAIN)).isZero();
  }

  @Test
  void aRunFailingWithAThrowableWhoseTextThrowsKeepsItsErrorSpan() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    RuntimeException unprintable =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("no text");
          }
        };
    ExitHandle handle = tracker.enter(CHAIN, null, new Object[] {"main", "v-1", null});
    handle.exit(null, unprintable);

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
    assertThat(tracker.internalErrors(Role.CHAIN)).isZero();
  }

  @Test
  void wrongTypesAndNullsAreReadAsTextOrNothing() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    run(tracker, 42, null, 3.5);
    run(tracker, null, new Object[0], new ArrayList<>());

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(2);
    assertThat(finished.get(0).getName()).isEqualTo("vcon_processing.42");
    assertThat(finished.get(1).getName()).isEqualTo("vcon_processing.unknown");
    assertThat(tracker.internalErrors(Role.CHAIN)).isZero();
  }

  @Test
  void probingAContextMapForTraceparentChangesNeitherOrderNorContent() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    Map<String, Object> lru = new LinkedHashMap<>(16, 0.75f, true);
    lru.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    for (int i = 0; i < 1000; i++) {
      lru.put("k" + i, i);
    }
    List<String> before = new ArrayList<>(lru.keySet());
    MapReadsTestMaps.Defaulting defaulting = new MapReadsTestMaps.Defaulting();
    defaulting.put("trace_id", "not an id");

    run(tracker, "main", "v-1", lru);
    run(tracker, "main", "v-2", defaulting);

    assertThat(lru.keySet()).containsExactlyElementsOf(before);
    assertThat(defaulting).containsOnlyKeys("trace_id");
    assertThat(spans.getFinishedSpanItems().get(0).getLinks()).hasSize(1);
  }

  @Test
  void aGetterThatCallsAnInstrumentedMethodIsNotANestedRun() {
    ChainRunTracker tracker = tracker(new HashMap<>());
    List<ExitHandle> inner = new ArrayList<>();
    Object name =
        new Object() {
          @Override
          public String toString() {
            // The host's getter runs a chain method, which the weaving routes to the tracker.
            inner.add(tracker.enter(CHAIN, null, new Object[] {"inner", "v-2", null}));
            return "outer";
          }
        };
    run(tracker, name, "v-1", null);

    assertThat(inner).containsExactly((ExitHandle) null);
    assertThat(spans.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("vcon_processing.outer");
  }

  /** A host getter whose exception message spans lines. */
  static final class Broken {
    String getLabel() {
      throw new IllegalStateException("first line\nsecond line " + repeat('m', 5000));
    }
  }

  @Test
  void aMissingMemberOnTwentyFourOverloadsIsOneLine() {
    Map<String, String> missing = new HashMap<>();
    missing.put("vcon.agent.chain.name", "arg0.nothingHere");
    ChainRunTracker tracker = tracker(missing);
    for (int id = 0; id < 26; id++) {
      ExitHandle handle = tracker.enter(id, null, new Object[] {"main", "v-" + id, null});
      if (handle != null) {
        handle.exit(null, null);
      }
    }
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("nothingHere", "java.lang.String")
        .hasSizeLessThanOrEqualTo(ProblemLines.MAX_LINE + 20);
  }

  @Test
  void aGetterThrowingAMultiLineMessageIsOneBoundedLineAndTheRunKeepsItsSpan() {
    Map<String, String> label = new HashMap<>();
    label.put("vcon.agent.chain.name", "arg0.label");
    ChainRunTracker tracker = tracker(label);
    run(tracker, new Broken(), "v-1", null);
    run(tracker, new Broken(), "v-2", null);

    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("first line\\nsecond line")
        .doesNotContain("\n")
        .hasSizeLessThanOrEqualTo(ProblemLines.MAX_LINE + 20);
    assertThat(spans.getFinishedSpanItems()).hasSize(2);
  }
}

/** A map that fills in defaults on get. */
final class MapReadsTestMaps {
  static final class Defaulting extends HashMap<String, Object> {
    @Override
    public Object get(Object key) {
      return computeIfAbsent((String) key, k -> "default");
    }
  }
}
