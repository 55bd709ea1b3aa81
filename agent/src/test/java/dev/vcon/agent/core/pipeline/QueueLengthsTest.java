package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueueLengthsTest {
  private static final Duration STALENESS = Duration.ofSeconds(60);

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();

  private QueueLengths gauge(int maxSeries) {
    QueueLengths lengths = new QueueLengths(STALENESS, maxSeries, nanos::get);
    SdkMeterProvider.builder()
        .registerMetricReader(reader)
        .build()
        .get("test")
        .gaugeBuilder("conserver.ingress_list.length")
        .ofLongs()
        .buildWithCallback(lengths::observe);
    return lengths;
  }

  private static Attributes queue(String list, String kind) {
    return Attributes.of(ConserverMetrics.INGRESS_LIST, list, ConserverMetrics.KIND, kind);
  }

  private Map<Attributes, Long> observed() {
    return reader.collectAllMetrics().stream()
        .map(MetricData::getLongGaugeData)
        .flatMap(data -> data.getPoints().stream())
        .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
  }

  @Test
  void reportsTheLastLengthTheHostReadForEachSeries() {
    QueueLengths lengths = gauge(10);
    lengths.record(queue("in", "ingress"), 7);
    lengths.record(queue("in", "ingress"), 3);
    lengths.record(queue("in", "dlq"), 1);

    assertThat(observed())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(queue("in", "ingress"), 3L, queue("in", "dlq"), 1L));
  }

  @Test
  void aLengthOlderThanTheStalenessIsNoLongerReported() {
    QueueLengths lengths = gauge(10);
    lengths.record(queue("in", "ingress"), 5);
    nanos.addAndGet(STALENESS.toNanos());
    lengths.record(queue("other", "ingress"), 2);

    assertThat(observed()).containsOnlyKeys(queue("in", "ingress"), queue("other", "ingress"));

    nanos.incrementAndGet();
    assertThat(observed()).containsOnlyKeys(queue("other", "ingress"));
    assertThat(lengths.seriesCount()).isEqualTo(1);
  }

  @Test
  void keepsAtMostMaxSeriesUntilStaleOnesAreForgotten() {
    QueueLengths lengths = gauge(2);
    lengths.record(queue("a", "ingress"), 1);
    lengths.record(queue("b", "ingress"), 2);
    lengths.record(queue("c", "ingress"), 3);
    lengths.record(queue("a", "ingress"), 4);

    assertThat(observed())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(queue("a", "ingress"), 4L, queue("b", "ingress"), 2L));
    assertThat(lengths.dropped()).isEqualTo(1);

    nanos.addAndGet(STALENESS.toNanos() + 1);
    assertThat(observed()).isEmpty();
    lengths.record(queue("c", "ingress"), 5);
    assertThat(observed()).containsExactlyEntriesOf(Map.of(queue("c", "ingress"), 5L));
  }
}
