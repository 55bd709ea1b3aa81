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
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue roles (receive, dlq, enqueue, queue-length) with an in-memory SDK, no bytecode. */
class QueueRolesTest {

  private static final int CHAIN = 0;
  private static final int RECEIVE = 1;
  private static final int DLQ = 2;
  private static final int ENQUEUE = 3;
  private static final int LENGTH = 4;

  private static final AttributeKey<String> INGRESS_LIST = AttributeKey.stringKey("ingress_list");
  private static final AttributeKey<String> QUEUE_NAME = AttributeKey.stringKey("queue_name");
  private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private ChainRunTracker tracker;

  /** A host's producer: where its vCons come from. */
  static final class Producer {
    final String source;

    Producer(String source) {
      this.source = source;
    }
  }

  /** A host's chain request, for the run a dead letter may belong to. */
  static final class Request {
    final String vconId;

    Request(String vconId) {
      this.vconId = vconId;
    }
  }

  @BeforeEach
  void setUp() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", "x.Chain#process");
    sys.put("vcon.agent.chain.name", "'main'");
    sys.put("vcon.agent.chain.vcon-id", "this.vconId");
    sys.put("vcon.agent.receive.methods", "x.Queue#pop");
    sys.put("vcon.agent.receive.queue", "arg0");
    sys.put("vcon.agent.dlq.methods", "x.DeadLetters#move");
    sys.put("vcon.agent.dlq.queue", "arg1");
    sys.put("vcon.agent.dlq.vcon-id", "arg0");
    sys.put("vcon.agent.enqueue.methods", "x.Producer#enqueue");
    sys.put("vcon.agent.enqueue.queue", "arg0");
    sys.put("vcon.agent.enqueue.source", "this.source");
    sys.put("vcon.agent.queue-length.methods", "x.Queue#length");
    sys.put("vcon.agent.queue-length.queue", "arg0");
    tracker = tracker(sys);
  }

  private ChainRunTracker tracker(Map<String, String> sys) {
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
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    ChainRunTracker created = new ChainRunTracker(() -> telemetry, config.roles(), problems::add);
    created.methods().register(Role.CHAIN, "x.Chain", "x.Chain#process()");
    if (sys.containsKey("vcon.agent.receive.methods")) {
      created.methods().register(Role.RECEIVE, "x.Queue", "x.Queue#pop(String, Duration)");
      created.methods().register(Role.DLQ, "x.DeadLetters", "x.DeadLetters#move(String, String)");
      created.methods().register(Role.ENQUEUE, "x.Producer", "x.Producer#enqueue(String, String)");
      created.methods().register(Role.QUEUE_LENGTH, "x.Queue", "x.Queue#length(String)");
    }
    return created;
  }

  @Test
  void aReceiveCountsOnlyWhenThePopReturnedAVcon() {
    pop("in", "u-1", null);
    pop("in", Optional.of("u-2"), null);
    pop("in", List.of("in", "u-3"), null); // a Redis client's (list, uuid) pair: one vCon
    pop("other", new String[] {"u-4"}, null);
    pop("in", null, null); // timed out
    pop("in", "", null);
    pop("in", Optional.empty(), null);
    pop("in", List.of(), null);
    pop("in", new String[0], null);
    pop("in", null, new IllegalStateException("queue down"));

    assertThat(sum("conserver.main_loop.count_vcons_received", Attributes.of(INGRESS_LIST, "in")))
        .isEqualTo(3);
    assertThat(
            sum("conserver.main_loop.count_vcons_received", Attributes.of(INGRESS_LIST, "other")))
        .isEqualTo(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void aDeadLetterCountsPerQueueNameAndMarksItsOpenRunWithAnEvent() throws Exception {
    ExitHandle run = tracker.enter(CHAIN, new Request("v-1"), new Object[0]);
    // The move happens on another thread while the run is still open: found by its vCon id.
    CompletableFuture.runAsync(() -> move("v-1", "DLQ:in", null)).get();
    run.exit(null, null);
    move("v-2", "DLQ:in", null); // no run open for v-2: counted, no event anywhere
    move("v-3", "DLQ:in", new IllegalStateException("queue down"));

    assertThat(sum("conserver.dlq.count", Attributes.of(QUEUE_NAME, "DLQ:in"))).isEqualTo(2);
    SpanData root = spans.getFinishedSpanItems().get(0);
    assertThat(root.getName()).isEqualTo("vcon_processing.main");
    assertThat(root.getEvents())
        .extracting(EventData::getName, e -> e.getAttributes().get(QUEUE_NAME))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dead_lettered", "DLQ:in"));
    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void anEnqueueCountsPerListAndSourceAndAnUnreadableSourceIsUnknown() {
    enqueue(new Producer("new"), "in", null);
    enqueue(new Producer("new"), "in", null);
    enqueue(new Producer("reingress"), "in", null);
    enqueue(new Producer(null), "other", null);
    enqueue(new Producer("new"), "in", new IllegalStateException("queue down"));

    String metric = "conserver.api.count_vcons_enqueued";
    assertThat(sum(metric, Attributes.of(INGRESS_LIST, "in", SOURCE, "new"))).isEqualTo(2);
    assertThat(sum(metric, Attributes.of(INGRESS_LIST, "in", SOURCE, "reingress"))).isEqualTo(1);
    assertThat(sum(metric, Attributes.of(INGRESS_LIST, "other", SOURCE, "unknown"))).isEqualTo(1);
  }

  @Test
  void aQueueLengthTheHostReadIsTheGaugesValueAndADlqNameMakesKindDlq() {
    length("in", 7L, null);
    length("in", 5, null);
    length("DLQ:in", 2L, null);
    length("DLQ:in", "not a number", null);
    length("lost", null, new IllegalStateException("queue down"));

    assertThat(gauge())
        .containsOnly(
            Map.entry(Attributes.of(INGRESS_LIST, "in", KIND, "ingress"), 5L),
            Map.entry(Attributes.of(INGRESS_LIST, "in", KIND, "dlq"), 2L));
  }

  @Test
  void anExplicitKindExpressionWins() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.receive.methods", "x.Queue#pop");
    sys.put("vcon.agent.receive.queue", "arg0");
    sys.put("vcon.agent.dlq.methods", "x.DeadLetters#move");
    sys.put("vcon.agent.dlq.queue", "arg1");
    sys.put("vcon.agent.enqueue.methods", "x.Producer#enqueue");
    sys.put("vcon.agent.enqueue.queue", "arg0");
    sys.put("vcon.agent.queue-length.methods", "x.Queue#length");
    sys.put("vcon.agent.queue-length.queue", "arg0");
    sys.put("vcon.agent.queue-length.kind", "'retry'");
    tracker = tracker(sys);
    length("DLQ:in", 3L, null);

    assertThat(gauge())
        .containsOnly(Map.entry(Attributes.of(INGRESS_LIST, "DLQ:in", KIND, "retry"), 3L));
  }

  @Test
  void queueMetricsCarryOnlyBoundedNamesNeverTheVconId() {
    String longName = "q".repeat(1000);
    pop(longName, "u-1", null);
    move("v-1", "DLQ:in", null);

    for (MetricData data : metrics.collectAllMetrics()) {
      for (PointData point : data.getData().getPoints()) {
        point
            .getAttributes()
            .forEach(
                (key, value) -> {
                  assertThat(String.valueOf(value)).hasSizeLessThanOrEqualTo(256);
                  assertThat(String.valueOf(value)).doesNotContain("u-1").doesNotContain("v-1");
                });
      }
    }
    assertThat(
            sum(
                "conserver.main_loop.count_vcons_received",
                Attributes.of(INGRESS_LIST, "q".repeat(256))))
        .isEqualTo(1);
  }

  @Test
  void aQueueRoleWithoutItsQueueSettingIsOffWithOneLine() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.receive.methods", "x.Queue#pop");
    sys.put("vcon.agent.queue-length.methods", "x.Queue#length");
    sys.put("vcon.agent.queue-length.queue", "arg0.");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);

    assertThat(config.roles()).isEmpty();
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: missing setting vcon.agent.receive.queue: expected "
                + dev.vcon.agent.core.expr.Expression.EXPECTED_FORM
                + "; the receive role is off",
            "vcon-otel-agent: invalid setting vcon.agent.queue-length.queue='arg0.': expected "
                + dev.vcon.agent.core.expr.Expression.EXPECTED_FORM
                + "; the queue-length role is off");
  }

  private void pop(String list, Object result, Throwable thrown) {
    tracker.enter(RECEIVE, new Object(), new Object[] {list, null}).exit(result, thrown);
  }

  private void move(String vconId, String dlq, Throwable thrown) {
    tracker.enter(DLQ, new Object(), new Object[] {vconId, dlq}).exit(null, thrown);
  }

  private void enqueue(Producer producer, String list, Throwable thrown) {
    tracker.enter(ENQUEUE, producer, new Object[] {list, "u-9"}).exit(null, thrown);
  }

  private void length(String list, Object result, Throwable thrown) {
    tracker.enter(LENGTH, new Object(), new Object[] {list}).exit(result, thrown);
  }

  private Map<Attributes, Long> gauge() {
    Map<Attributes, Long> values = new HashMap<>();
    for (MetricData data : metrics.collectAllMetrics()) {
      if (data.getName().equals("conserver.ingress_list.length")) {
        for (LongPointData point : data.getLongGaugeData().getPoints()) {
          values.put(point.getAttributes(), point.getValue());
        }
      }
    }
    return values;
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
