package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test seam: each generation the factory builds gets its own in-memory reader and exporter. */
final class InMemoryPipelines implements Consumer<AutoConfiguredOpenTelemetrySdkBuilder> {
  final List<InMemoryMetricReader> readers = new CopyOnWriteArrayList<>();
  final List<InMemorySpanExporter> spans = new CopyOnWriteArrayList<>();

  @Override
  public void accept(AutoConfiguredOpenTelemetrySdkBuilder builder) {
    builder.addMeterProviderCustomizer(
        (meterProvider, config) -> {
          InMemoryMetricReader reader = InMemoryMetricReader.create();
          readers.add(reader);
          return meterProvider.registerMetricReader(reader);
        });
    builder.addTracerProviderCustomizer(
        (tracerProvider, config) -> {
          InMemorySpanExporter exporter = InMemorySpanExporter.create();
          spans.add(exporter);
          return tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(exporter));
        });
  }

  InMemoryMetricReader reader(int generation) {
    return readers.get(generation);
  }
}
