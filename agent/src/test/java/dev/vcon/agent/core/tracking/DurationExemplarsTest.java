package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each duration histogram's value carries, as its exemplar, the span that measured it: the run's
 * root for {@code vcon_processing_time}, the link's and the storage's own spans for theirs.
 */
class DurationExemplarsTest {

  static final class Request {
    final String vconId = "v-1";
  }

  @Test
  void eachDurationCarriesTheTraceAndSpanIdOfTheSpanThatMeasuredIt() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
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
    sys.put("vcon.agent.chain.name", "'main'");
    sys.put("vcon.agent.chain.vcon-id", "this.vconId");
    sys.put("vcon.agent.link.methods", "x.Link#run");
    sys.put("vcon.agent.link.name", "'tag'");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.put("vcon.agent.storage.methods", "x.Storage#save");
    sys.put("vcon.agent.storage.name", "'file'");
    sys.put("vcon.agent.storage.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), s -> {});
    ChainRunTracker tracker = new ChainRunTracker(() -> telemetry, config.roles(), s -> {});
    int chain = tracker.methods().register(Role.CHAIN, "x.Chain", "x.Chain#process()").id();
    int link = tracker.methods().register(Role.LINK, "x.Link", "x.Link#run(String)").id();
    int storage =
        tracker.methods().register(Role.STORAGE, "x.Storage", "x.Storage#save(String)").id();

    ExitHandle run = tracker.enter(chain, new Request(), new Object[0]);
    tracker.enter(link, new Object(), new Object[] {"v-1"}).exit("v-1", null);
    tracker.enter(storage, new Object(), new Object[] {"v-1"}).exit(null, null);
    run.exit(null, null);

    Collection<MetricData> collected = metrics.collectAllMetrics();
    assertThat(exemplarSpan(collected, "conserver.main_loop.vcon_processing_time"))
        .isEqualTo(span(spans.getFinishedSpanItems(), "vcon_processing.main"));
    assertThat(exemplarSpan(collected, "conserver.link.execution_time"))
        .isEqualTo(span(spans.getFinishedSpanItems(), "link.tag"));
    assertThat(exemplarSpan(collected, "conserver.storage.duration_ms"))
        .isEqualTo(span(spans.getFinishedSpanItems(), "storage.file"));
  }

  private static SpanContext span(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getSpanContext();
  }

  private static SpanContext exemplarSpan(Collection<MetricData> all, String metric) {
    List<SpanContext> exemplars =
        all.stream()
            .filter(m -> m.getName().equals(metric))
            .flatMap(m -> m.getHistogramData().getPoints().stream())
            .flatMap(p -> p.getExemplars().stream())
            .map(e -> e.getSpanContext())
            .collect(Collectors.toList());
    assertThat(exemplars).as(metric).hasSize(1);
    return exemplars.get(0);
  }
}
