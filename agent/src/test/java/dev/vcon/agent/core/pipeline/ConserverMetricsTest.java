package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConserverMetricsTest {

  @Test
  void instrumentsHaveTheConserverNamesUnitsTypesAndBuckets() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    ConserverMetrics metrics = ConserverMetrics.create(provider.get(ConserverMetrics.SCOPE_NAME));
    Attributes chain = Attributes.of(ConserverMetrics.CHAIN_NAME, "main");
    metrics.inflight().add(1, chain);
    metrics.processingTime().record(0.2, chain);
    metrics.processed().add(1, chain);
    metrics.failed().add(1, chain);
    metrics
        .linkExecutionTime()
        .record(
            0.01,
            Attributes.of(ConserverMetrics.LINK_NAME, "tag", ConserverMetrics.CHAIN_NAME, "main"));
    metrics
        .linkCount()
        .add(
            1,
            Attributes.of(
                ConserverMetrics.LINK_NAME_UNDERSCORED, "tag", ConserverMetrics.OUTCOME, "halt"));
    Attributes storage =
        Attributes.of(ConserverMetrics.BACKEND, "s3", ConserverMetrics.OUTCOME, "success");
    metrics.storageCount().add(1, storage);
    metrics.storageDuration().record(12.5, storage);

    Map<String, MetricData> byName =
        reader.collectAllMetrics().stream()
            .collect(Collectors.toMap(MetricData::getName, Function.identity()));

    assertShape(byName, "conserver.vcons.inflight", "{vcon}", MetricDataType.LONG_SUM);
    assertThat(byName.get("conserver.vcons.inflight").getLongSumData().isMonotonic()).isFalse();
    assertShape(byName, "conserver.main_loop.vcon_processing_time", "s", MetricDataType.HISTOGRAM);
    assertShape(
        byName, "conserver.main_loop.count_vcons_processed", "{vcon}", MetricDataType.LONG_SUM);
    assertShape(
        byName, "conserver.main_loop.count_vcons_failed", "{vcon}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.link.execution_time", "s", MetricDataType.HISTOGRAM);
    assertShape(byName, "conserver.link.count", "{call}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.storage.count", "{call}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.storage.duration_ms", "ms", MetricDataType.HISTOGRAM);
    assertThat(byName).hasSize(8);
    assertThat(
            byName.get("conserver.main_loop.count_vcons_processed").getLongSumData().isMonotonic())
        .isTrue();

    assertThat(boundaries(byName, "conserver.main_loop.vcon_processing_time"))
        .startsWith(0.005)
        .endsWith(300.0);
    assertThat(boundaries(byName, "conserver.link.execution_time"))
        .isEqualTo(ConserverMetrics.SECONDS_BUCKETS);
    assertThat(boundaries(byName, "conserver.storage.duration_ms"))
        .startsWith(1.0)
        .endsWith(300000.0);
    assertThat(byName.get("conserver.link.count").getLongSumData().getPoints())
        .singleElement()
        .satisfies(
            point ->
                assertThat(point.getAttributes().asMap().keySet())
                    .extracting(key -> key.getKey())
                    .containsExactlyInAnyOrder("link_name", "outcome"));
    assertThat(byName.get("conserver.link.execution_time").getHistogramData().getPoints())
        .singleElement()
        .satisfies(
            point ->
                assertThat(point.getAttributes().asMap().keySet())
                    .extracting(key -> key.getKey())
                    .containsExactlyInAnyOrder("link.name", "chain.name"));
    provider.close();
  }

  @Test
  void queueInstrumentsHaveTheConserverNamesUnitsTypesAndAttributes() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    ConserverMetrics metrics = ConserverMetrics.create(provider.get(ConserverMetrics.SCOPE_NAME));
    metrics.received().add(1, Attributes.of(ConserverMetrics.INGRESS_LIST, "in"));
    metrics.deadLettered().add(1, Attributes.of(ConserverMetrics.QUEUE_NAME, "DLQ:in"));
    metrics
        .enqueued()
        .add(1, Attributes.of(ConserverMetrics.INGRESS_LIST, "in", ConserverMetrics.SOURCE, "new"));
    metrics
        .queueLengths()
        .record(
            Attributes.of(ConserverMetrics.INGRESS_LIST, "in", ConserverMetrics.KIND, "dlq"), 4);

    Map<String, MetricData> byName =
        reader.collectAllMetrics().stream()
            .collect(Collectors.toMap(MetricData::getName, Function.identity()));

    assertShape(
        byName, "conserver.main_loop.count_vcons_received", "{vcon}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.dlq.count", "{vcon}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.api.count_vcons_enqueued", "{vcon}", MetricDataType.LONG_SUM);
    assertShape(byName, "conserver.ingress_list.length", "{vcon}", MetricDataType.LONG_GAUGE);
    assertThat(byName).hasSize(4);
    assertThat(byName.get("conserver.dlq.count").getLongSumData().isMonotonic()).isTrue();
    assertThat(byName.get("conserver.ingress_list.length").getLongGaugeData().getPoints())
        .singleElement()
        .satisfies(
            point -> {
              assertThat(point.getValue()).isEqualTo(4);
              assertThat(point.getAttributes().asMap().keySet())
                  .extracting(key -> key.getKey())
                  .containsExactlyInAnyOrder("ingress_list", "kind");
            });
    provider.close();
  }

  private static void assertShape(
      Map<String, MetricData> byName, String name, String unit, MetricDataType type) {
    assertThat(byName).containsKey(name);
    assertThat(byName.get(name).getUnit()).as(name).isEqualTo(unit);
    assertThat(byName.get(name).getType()).as(name).isEqualTo(type);
    assertThat(byName.get(name).getInstrumentationScopeInfo().getName())
        .isEqualTo("vcon-otel-agent");
  }

  private static java.util.List<Double> boundaries(Map<String, MetricData> byName, String name) {
    return byName.get(name).getHistogramData().getPoints().iterator().next().getBoundaries();
  }
}
