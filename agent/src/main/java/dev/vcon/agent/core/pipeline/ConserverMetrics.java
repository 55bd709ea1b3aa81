package dev.vcon.agent.core.pipeline;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The conserver's instruments, with the names, units and attribute keys its dashboards query (see
 * conserver-telemetry.md). Units are declared here, unlike the Python original, and the histograms
 * carry bucket advice that suits their unit: the SDK's default boundaries (0, 5, 10, 25 ... 10000)
 * would put every chain run under 5 seconds into one bucket.
 */
public final class ConserverMetrics {
  /** Instrumentation scope of the agent's meter and tracer. */
  public static final String SCOPE_NAME = "vcon-otel-agent";

  public static final AttributeKey<String> CHAIN_NAME = AttributeKey.stringKey("chain.name");

  /** {@code link.name}, used by {@code conserver.link.execution_time}. */
  public static final AttributeKey<String> LINK_NAME = AttributeKey.stringKey("link.name");

  /** {@code link_name}, used by {@code conserver.link.count} (the conserver mixes both forms). */
  public static final AttributeKey<String> LINK_NAME_UNDERSCORED =
      AttributeKey.stringKey("link_name");

  /** success, halt or error for links; success or error for storage. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");

  /**
   * {@code ingress_list}: the list a vCon was popped from or enqueued to; for the queue-length
   * gauge, the ingress list a dead-letter list belongs to.
   */
  public static final AttributeKey<String> INGRESS_LIST = AttributeKey.stringKey("ingress_list");

  /** {@code queue_name}: the dead-letter list, e.g. {@code DLQ:default_ingress}. */
  public static final AttributeKey<String> QUEUE_NAME = AttributeKey.stringKey("queue_name");

  /** {@code source}: where enqueued vCons came from (conserver: new, external, reingress...). */
  public static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");

  /** {@code kind}: {@code ingress} or {@code dlq}, for the queue-length gauge. */
  public static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");

  /**
   * How long the queue-length gauge keeps showing a length the host read: long enough to span a few
   * of a health check's rounds and a few export intervals, short enough that a host which stopped
   * checking stops showing a backlog within a minute.
   */
  public static final Duration QUEUE_LENGTH_STALENESS = Duration.ofSeconds(60);

  /** Queue-length series kept at most (lists times kinds): beyond, new series are dropped. */
  public static final int QUEUE_LENGTH_MAX_SERIES = 256;

  static final List<Double> SECONDS_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
              300.0));
  static final List<Double> MILLISECONDS_BUCKETS =
      Collections.unmodifiableList(
          Arrays.asList(
              1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0,
              30000.0, 60000.0, 120000.0, 300000.0));

  private final LongUpDownCounter inflight;
  private final SpacedExemplarHistogram processingTime;
  private final LongCounter processed;
  private final LongCounter failed;
  private final SpacedExemplarHistogram linkExecutionTime;
  private final LongCounter linkCount;
  private final LongCounter storageCount;
  private final SpacedExemplarHistogram storageDuration;
  private final LongCounter received;
  private final LongCounter deadLettered;
  private final LongCounter enqueued;
  private final QueueLengths queueLengths;

  /** Held so the gauge's registration has an owner for as long as the instruments live. */
  @SuppressWarnings("unused")
  private final ObservableLongGauge queueLengthGauge;

  private ConserverMetrics(
      LongUpDownCounter inflight,
      SpacedExemplarHistogram processingTime,
      LongCounter processed,
      LongCounter failed,
      SpacedExemplarHistogram linkExecutionTime,
      LongCounter linkCount,
      LongCounter storageCount,
      SpacedExemplarHistogram storageDuration,
      LongCounter received,
      LongCounter deadLettered,
      LongCounter enqueued,
      QueueLengths queueLengths,
      ObservableLongGauge queueLengthGauge) {
    this.received = received;
    this.deadLettered = deadLettered;
    this.enqueued = enqueued;
    this.queueLengths = queueLengths;
    this.queueLengthGauge = queueLengthGauge;
    this.inflight = inflight;
    this.processingTime = processingTime;
    this.processed = processed;
    this.failed = failed;
    this.linkExecutionTime = linkExecutionTime;
    this.linkCount = linkCount;
    this.storageCount = storageCount;
    this.storageDuration = storageDuration;
  }

  /** The instruments of one meter, i.e. of one pipeline generation. */
  static ConserverMetrics create(Meter meter) {
    QueueLengths queueLengths = new QueueLengths(QUEUE_LENGTH_STALENESS, QUEUE_LENGTH_MAX_SERIES);
    return new ConserverMetrics(
        meter
            .upDownCounterBuilder("conserver.vcons.inflight")
            .setUnit("{vcon}")
            .setDescription("vCon chain runs in progress")
            .build(),
        seconds(
            meter, "conserver.main_loop.vcon_processing_time", "Duration of completed chain runs"),
        vcons(meter, "conserver.main_loop.count_vcons_processed", "Chain runs completed"),
        vcons(meter, "conserver.main_loop.count_vcons_failed", "Chain runs that failed"),
        seconds(meter, "conserver.link.execution_time", "Duration of link calls"),
        calls(meter, "conserver.link.count", "Link calls by outcome"),
        calls(meter, "conserver.storage.count", "Storage writes by outcome"),
        SpacedExemplarHistogram.wrap(
            meter
                .histogramBuilder("conserver.storage.duration_ms")
                .setUnit("ms")
                .setDescription("Duration of storage writes")
                .setExplicitBucketBoundariesAdvice(MILLISECONDS_BUCKETS)
                .build(),
            MILLISECONDS_BUCKETS),
        vcons(meter, "conserver.main_loop.count_vcons_received", "vCons popped from ingress lists"),
        vcons(meter, "conserver.dlq.count", "vCons moved to a dead-letter list"),
        vcons(meter, "conserver.api.count_vcons_enqueued", "vCons enqueued to ingress lists"),
        queueLengths,
        meter
            .gaugeBuilder("conserver.ingress_list.length")
            .ofLongs()
            .setUnit("{vcon}")
            .setDescription(
                "vCons waiting on an ingress list (kind=ingress) or its dead-letter list"
                    + " (kind=dlq), as the host last read it")
            .buildWithCallback(queueLengths::observe));
  }

  private static SpacedExemplarHistogram seconds(Meter meter, String name, String description) {
    return SpacedExemplarHistogram.wrap(
        meter
            .histogramBuilder(name)
            .setUnit("s")
            .setDescription(description)
            .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
            .build(),
        SECONDS_BUCKETS);
  }

  private static LongCounter vcons(Meter meter, String name, String description) {
    return meter.counterBuilder(name).setUnit("{vcon}").setDescription(description).build();
  }

  private static LongCounter calls(Meter meter, String name, String description) {
    return meter.counterBuilder(name).setUnit("{call}").setDescription(description).build();
  }

  /** {@code conserver.vcons.inflight}, {@code {vcon}}, attribute {@link #CHAIN_NAME}. */
  public LongUpDownCounter inflight() {
    return inflight;
  }

  /** {@code conserver.main_loop.vcon_processing_time}, seconds, attribute {@link #CHAIN_NAME}. */
  public SpacedExemplarHistogram processingTime() {
    return processingTime;
  }

  /** {@code conserver.main_loop.count_vcons_processed}, attribute {@link #CHAIN_NAME}. */
  public LongCounter processed() {
    return processed;
  }

  /** {@code conserver.main_loop.count_vcons_failed}, attribute {@link #CHAIN_NAME}. */
  public LongCounter failed() {
    return failed;
  }

  /** {@code conserver.link.execution_time}, seconds, {@link #LINK_NAME} and {@link #CHAIN_NAME}. */
  public SpacedExemplarHistogram linkExecutionTime() {
    return linkExecutionTime;
  }

  /** {@code conserver.link.count}, {@link #LINK_NAME_UNDERSCORED} and {@link #OUTCOME}. */
  public LongCounter linkCount() {
    return linkCount;
  }

  /** {@code conserver.storage.count}, {@link #BACKEND} and {@link #OUTCOME}. */
  public LongCounter storageCount() {
    return storageCount;
  }

  /** {@code conserver.storage.duration_ms}, milliseconds, {@link #BACKEND} and {@link #OUTCOME}. */
  public SpacedExemplarHistogram storageDuration() {
    return storageDuration;
  }

  /** {@code conserver.main_loop.count_vcons_received}, attribute {@link #INGRESS_LIST}. */
  public LongCounter received() {
    return received;
  }

  /** {@code conserver.dlq.count}, attribute {@link #QUEUE_NAME}. */
  public LongCounter deadLettered() {
    return deadLettered;
  }

  /** {@code conserver.api.count_vcons_enqueued}, {@link #INGRESS_LIST} and {@link #SOURCE}. */
  public LongCounter enqueued() {
    return enqueued;
  }

  /**
   * The values behind {@code conserver.ingress_list.length} (asynchronous gauge, {@code {vcon}},
   * {@link #INGRESS_LIST} and {@link #KIND}): record what the host read, the gauge reports it.
   */
  public QueueLengths queueLengths() {
    return queueLengths;
  }
}
