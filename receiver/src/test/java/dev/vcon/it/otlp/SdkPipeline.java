package dev.vcon.it.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A plain OpenTelemetry SDK wired to the receiver over one transport, as an exporting process would
 * be. Export happens only on {@link #flush()} (the metric interval is an hour), so tests decide
 * when requests are sent.
 */
final class SdkPipeline implements AutoCloseable {
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_INSTANCE_ID =
      AttributeKey.stringKey("service.instance.id");

  /** How the SDK talks to the receiver. */
  enum Transport {
    GRPC(Protocol.GRPC, false),
    GRPC_GZIP(Protocol.GRPC, true),
    HTTP_PROTOBUF(Protocol.HTTP_PROTOBUF, false),
    HTTP_PROTOBUF_GZIP(Protocol.HTTP_PROTOBUF, true);

    final Protocol protocol;
    final boolean gzip;

    Transport(Protocol protocol, boolean gzip) {
      this.protocol = protocol;
      this.gzip = gzip;
    }

    String compression() {
      return gzip ? "gzip" : "none";
    }
  }

  final SdkTracerProvider tracerProvider;
  final SdkMeterProvider meterProvider;
  final SdkLoggerProvider loggerProvider;

  SdkPipeline(OtlpReceiver receiver, Transport transport, String instanceId) {
    Resource resource =
        Resource.create(
            Attributes.of(SERVICE_NAME, "receiver-test", SERVICE_INSTANCE_ID, instanceId));
    tracerProvider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(SimpleSpanProcessor.create(spanExporter(receiver, transport)))
            .build();
    meterProvider =
        SdkMeterProvider.builder()
            .setResource(resource)
            .registerMetricReader(
                PeriodicMetricReader.builder(metricExporter(receiver, transport))
                    .setInterval(Duration.ofHours(1))
                    .build())
            .build();
    loggerProvider =
        SdkLoggerProvider.builder()
            .setResource(resource)
            .addLogRecordProcessor(
                SimpleLogRecordProcessor.create(logExporter(receiver, transport)))
            .build();
  }

  private static SpanExporter spanExporter(OtlpReceiver r, Transport t) {
    if (t.protocol == Protocol.GRPC) {
      return OtlpGrpcSpanExporter.builder()
          .setEndpoint(r.endpointGrpc())
          .setCompression(t.compression())
          .build();
    }
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(r.endpointHttp() + Signal.TRACES.httpPath())
        .setCompression(t.compression())
        .build();
  }

  private static MetricExporter metricExporter(OtlpReceiver r, Transport t) {
    if (t.protocol == Protocol.GRPC) {
      return OtlpGrpcMetricExporter.builder()
          .setEndpoint(r.endpointGrpc())
          .setCompression(t.compression())
          .build();
    }
    return OtlpHttpMetricExporter.builder()
        .setEndpoint(r.endpointHttp() + Signal.METRICS.httpPath())
        .setCompression(t.compression())
        .build();
  }

  private static LogRecordExporter logExporter(OtlpReceiver r, Transport t) {
    if (t.protocol == Protocol.GRPC) {
      return OtlpGrpcLogRecordExporter.builder()
          .setEndpoint(r.endpointGrpc())
          .setCompression(t.compression())
          .build();
    }
    return OtlpHttpLogRecordExporter.builder()
        .setEndpoint(r.endpointHttp() + Signal.LOGS.httpPath())
        .setCompression(t.compression())
        .build();
  }

  /** Exports everything pending and waits for the receiver's answers. */
  void flush() {
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    meterProvider.forceFlush().join(10, TimeUnit.SECONDS);
    loggerProvider.forceFlush().join(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
    meterProvider.shutdown().join(10, TimeUnit.SECONDS);
    loggerProvider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
