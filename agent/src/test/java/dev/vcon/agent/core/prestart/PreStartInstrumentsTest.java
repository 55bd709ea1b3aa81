package dev.vcon.agent.core.prestart;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The pre-start instruments take no lock, and still hand every measurement to the real instrument
 * exactly once, also those recorded while the pipeline opens.
 */
class PreStartInstrumentsTest {
  private static final Attributes MAIN = Attributes.of(AttributeKey.stringKey("chain.name"), "m");
  private static final int THREADS = 8;
  private static final int PER_THREAD = 20_000;

  private final PreStartBuffer buffer = new PreStartBuffer(System::nanoTime);
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(metrics).build();

  @Test
  void whatThreadsRecordWhileThePipelineOpensArrivesExactlyOnce() throws Exception {
    LongCounter counter = buffer.meter().counterBuilder("runs").build();
    DoubleHistogram histogram = buffer.meter().histogramBuilder("time").build();
    CountDownLatch halfway = new CountDownLatch(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < PER_THREAD; i++) {
                  counter.add(1, MAIN);
                  histogram.record(0.5, MAIN);
                  if (i == PER_THREAD / 2) {
                    halfway.countDown();
                  }
                }
              });
      threads.add(thread);
      thread.start();
    }
    halfway.await();
    buffer.open(SdkTracerProvider.builder().build().get("test"), meterProvider.get("test"));
    for (Thread thread : threads) {
      thread.join();
    }

    Collection<MetricData> collected = metrics.collectAllMetrics();
    long total = (long) THREADS * PER_THREAD;
    assertThat(sum(collected, "runs")).isEqualTo(total);
    // histogram values past the bound before the start are dropped, and counted
    assertThat(count(collected, "time") + buffer.dropped()).isEqualTo(total);
    assertThat(count(collected, "time"))
        .isGreaterThanOrEqualTo(PreStartBuffer.MAX_HISTOGRAM_VALUES);
  }

  @Test
  void anInflightPlusOneAndItsMinusOneBeforeTheStartStillMakeASeriesThatReadsZero() {
    LongUpDownCounter inflight = buffer.meter().upDownCounterBuilder("inflight").build();
    inflight.add(1, MAIN);
    inflight.add(-1, MAIN);

    buffer.open(SdkTracerProvider.builder().build().get("test"), meterProvider.get("test"));

    assertThat(
            metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("inflight"))
                .flatMap(m -> m.getLongSumData().getPoints().stream()))
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isZero());
  }

  @Test
  void onceFullSpansAreDroppedAndCountedWithoutBeingKept() {
    for (int i = 0; i < PreStartBuffer.MAX_SPANS; i++) {
      buffer.tracer().spanBuilder("kept").startSpan().end();
    }

    Span dropped = buffer.tracer().spanBuilder("dropped").setAttribute("k", "v").startSpan();

    assertThat(dropped.getSpanContext().isValid()).isFalse();
    assertThat(buffer.dropped()).isEqualTo(1);
    assertThat(buffer.tracer().spanBuilder("next")).isInstanceOf(DroppedSpanBuilder.class);
    assertThat(buffer.pendingSpans()).isEqualTo(PreStartBuffer.MAX_SPANS);
  }

  private static long sum(Collection<MetricData> all, String name) {
    return all.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .mapToLong(p -> p.getValue())
        .sum();
  }

  private static long count(Collection<MetricData> all, String name) {
    return all.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .mapToLong(p -> p.getCount())
        .sum();
  }
}
