package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.identity.MapSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The duration histograms lead from a bucket to a trace: a value recorded with one of our spans in
 * the context it is recorded with carries that span's trace and span id as an exemplar (the SDK's
 * default trace-based exemplar filter, through autoconfigure, so {@code
 * otel.metrics.exemplar.filter} still applies).
 */
class ExemplarTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final Attributes CHAIN = Attributes.of(ConserverMetrics.CHAIN_NAME, "main");

  private static MapSettings inMemory() {
    return MapSettings.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none");
  }

  private static List<DoubleExemplarData> exemplarsOfProcessingTime(
      MapSettings settings, boolean underSpan) {
    InMemoryPipelines pipelines = new InMemoryPipelines();
    TelemetryFactory factory =
        new TelemetryFactory(settings.otel(), InstanceIdSetting.DEFAULT, pipelines);
    Telemetry telemetry = factory.build(factory.identity(() -> 42L));
    try {
      Span span = telemetry.tracer().spanBuilder("vcon_processing.main").setNoParent().startSpan();
      Context context = underSpan ? Context.root().with(span) : Context.root();
      telemetry.metrics().processingTime().record(0.25, CHAIN, context);
      span.end();
      List<DoubleExemplarData> exemplars =
          pipelines.reader(0).collectAllMetrics().stream()
              .filter(m -> m.getName().equals("conserver.main_loop.vcon_processing_time"))
              .map(MetricData::getHistogramData)
              .flatMap(h -> h.getPoints().stream())
              .flatMap(p -> p.getExemplars().stream())
              .collect(Collectors.toList());
      if (underSpan) {
        assertThat(exemplars)
            .allSatisfy(
                e -> {
                  assertThat(e.getSpanContext().getTraceId())
                      .isEqualTo(span.getSpanContext().getTraceId());
                  assertThat(e.getSpanContext().getSpanId())
                      .isEqualTo(span.getSpanContext().getSpanId());
                  assertThat(e.getValue()).isEqualTo(0.25);
                });
      }
      return exemplars;
    } finally {
      telemetry.shutdown(BOUND);
    }
  }

  @Test
  void aDurationRecordedUnderOurSampledSpanCarriesItsTraceAndSpanIdAsExemplar() {
    assertThat(exemplarsOfProcessingTime(inMemory(), true)).hasSize(1);
  }

  @Test
  void aDurationRecordedOutsideAnySpanCarriesNoExemplar() {
    assertThat(exemplarsOfProcessingTime(inMemory(), false)).isEmpty();
  }

  @Test
  void theStandardExemplarFilterSettingStillTurnsThemOff() {
    assertThat(
            exemplarsOfProcessingTime(
                inMemory().with("otel.metrics.exemplar.filter", "always_off"), true))
        .isEmpty();
  }
}
