package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.identity.AgentVersion;
import dev.vcon.agent.core.identity.ProcessIdentity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One generation of the pipeline: the providers built for one process identity, never registered
 * globally, and the tracer and instruments taken from them. {@link TelemetryHolder} holds the
 * current one and replaces it when the process id changes.
 */
public final class Telemetry {
  private final ProcessIdentity identity;
  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  private final Meter meter;
  private final ConserverMetrics metrics;
  private final OtlpTarget traces;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  Telemetry(ProcessIdentity identity, OpenTelemetrySdk sdk, OtlpTarget traces) {
    this.identity = identity;
    this.sdk = sdk;
    this.traces = traces;
    this.tracer =
        sdk.getTracerProvider()
            .tracerBuilder(ConserverMetrics.SCOPE_NAME)
            .setInstrumentationVersion(AgentVersion.get())
            .build();
    this.meter =
        sdk.getMeterProvider()
            .meterBuilder(ConserverMetrics.SCOPE_NAME)
            .setInstrumentationVersion(AgentVersion.get())
            .build();
    this.metrics = ConserverMetrics.create(meter);
  }

  private Telemetry(Tracer tracer, Meter meter) {
    this.identity = null;
    this.sdk = null;
    this.traces = null;
    this.tracer = tracer;
    this.meter = meter;
    this.metrics = ConserverMetrics.create(meter);
  }

  /**
   * What the tracker records into before the pipeline is built: the given tracer and meter (the
   * pre-start buffer's). It has no identity and nothing to flush or shut down.
   */
  public static Telemetry beforeStart(Tracer tracer, Meter meter) {
    return new Telemetry(tracer, meter);
  }

  /**
   * A generation over an SDK built elsewhere, for embedding the tracker and for tests; the agent
   * itself builds its generations through {@link TelemetryHolder}.
   */
  public static Telemetry over(ProcessIdentity identity, OpenTelemetrySdk sdk) {
    return new Telemetry(identity, sdk, OtlpTarget.inProcess());
  }

  /** A generation that records nothing, used when a rebuild after a pid change failed. */
  static Telemetry disabled(ProcessIdentity identity, OtlpTarget traces) {
    return new Telemetry(identity, OpenTelemetrySdk.builder().build(), traces);
  }

  public ProcessIdentity identity() {
    return identity;
  }

  /** Tracer of scope {@code vcon-otel-agent} on this generation's own tracer provider. */
  public Tracer tracer() {
    return tracer;
  }

  public ConserverMetrics metrics() {
    return metrics;
  }

  /** Meter of scope {@code vcon-otel-agent} on this generation's own meter provider. */
  public Meter meter() {
    return meter;
  }

  /**
   * Exports what is buffered; {@code true} if that finished successfully within {@code timeout}.
   */
  public boolean flush(Duration timeout) {
    if (sdk == null || shutdown.get()) {
      return true;
    }
    return BoundedWait.await(
        "flush",
        () ->
            spansThenMetrics(
                sdk.getSdkTracerProvider()::forceFlush,
                () ->
                    CompletableResultCode.ofAll(
                        Arrays.asList(
                            sdk.getSdkMeterProvider().forceFlush(),
                            sdk.getSdkLoggerProvider().forceFlush()))),
        timeout);
  }

  /**
   * Spans first, metrics after: the last span export records its own outcome in the SDK's health
   * metrics ({@code otel.sdk.exporter.span.exported}), which only a later metric export can carry.
   */
  private static CompletableResultCode spansThenMetrics(
      Supplier<CompletableResultCode> spans, Supplier<CompletableResultCode> metrics) {
    CompletableResultCode result = new CompletableResultCode();
    CompletableResultCode first = spans.get();
    first.whenComplete(
        () -> {
          CompletableResultCode second = metrics.get();
          second.whenComplete(
              () -> {
                if (first.isSuccess() && second.isSuccess()) {
                  result.succeed();
                } else {
                  result.fail();
                }
              });
        });
    return result;
  }

  /**
   * Flushes and shuts the providers down, waiting at most {@code timeout}; with the collector down
   * the remaining export is abandoned on a daemon thread rather than holding up the caller.
   */
  public boolean shutdown(Duration timeout) {
    if (!shutdown.compareAndSet(false, true) || sdk == null) {
      return true;
    }
    return BoundedWait.await(
        "shutdown",
        () ->
            spansThenMetrics(
                sdk.getSdkTracerProvider()::shutdown,
                () ->
                    CompletableResultCode.ofAll(
                        Arrays.asList(
                            sdk.getSdkMeterProvider().shutdown(),
                            sdk.getSdkLoggerProvider().shutdown()))),
        timeout);
  }

  boolean isShutdown() {
    return shutdown.get();
  }

  /**
   * {@code vcon-otel-agent <version> started: service.instance.id=<id> endpoint=<e> protocol=<p>}.
   */
  public String startupLine() {
    return AgentVersion.DISTRO_NAME
        + " "
        + AgentVersion.get()
        + " started: service.instance.id="
        + identity.serviceInstanceId()
        + " endpoint="
        + traces.endpoint()
        + " protocol="
        + traces.protocol();
  }
}
