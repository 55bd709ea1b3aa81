package dev.vcon.agent.core.pipeline;

import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the exporters last learnt of the collector, and the exit's rule for retries. While the
 * process runs, a failed connection is retried with the SDK's backoff as usual. From {@link
 * #exiting()} on, nothing is retried: a collector that refuses connections is tried once at exit
 * and given up at once, instead of holding the exit for the backoff (the SDK would keep retrying
 * until the flush bound). And when the last attempt before the exit was refused (no success since),
 * the exit flush is bounded by {@link #REFUSING_EXIT_BOUND} instead of {@code
 * vcon.agent.shutdown.timeout}, which also covers a backoff already under way.
 */
public final class CollectorHealth {
  /** A refused connection fails within milliseconds; this leaves room for one attempt. */
  public static final Duration REFUSING_EXIT_BOUND = Duration.ofMillis(100);

  private final AtomicLong retryDecisions = new AtomicLong();
  private volatile boolean refusing;
  private volatile boolean exiting;

  /** The SDK's default retry policy, with this object deciding which failures to retry. */
  RetryPolicy retryPolicy() {
    return RetryPolicy.getDefault().toBuilder().setRetryExceptionPredicate(this::retry).build();
  }

  /** The SDK's own rule (timeouts and connection failures are retried), except when exiting. */
  boolean retry(IOException failure) {
    retryDecisions.incrementAndGet();
    if (failure instanceof ConnectException) {
      refusing = true;
    }
    if (exiting) {
      return false;
    }
    return failure instanceof SocketTimeoutException
        || failure instanceof UnknownHostException
        || failure instanceof SocketException;
  }

  /** An export reached the collector: it is not refusing. */
  public void exported() {
    refusing = false;
  }

  /** From now on, no export is retried. */
  public void exiting() {
    exiting = true;
  }

  /** The last connection attempt was refused and nothing has been exported since. */
  public boolean knownRefusing() {
    return refusing;
  }

  /** How long the exit flush may take: {@code configured}, or less for a refusing collector. */
  public Duration exitBound(Duration configured) {
    return refusing && REFUSING_EXIT_BOUND.compareTo(configured) < 0
        ? REFUSING_EXIT_BOUND
        : configured;
  }

  /**
   * The OTLP span exporter rebuilt with this object's retry rule and watched for successes; any
   * other exporter as it is (a user who disabled retries keeps that).
   */
  SpanExporter watch(SpanExporter exporter, boolean retryDisabled) {
    SpanExporter retrying = exporter;
    if (!retryDisabled && exporter instanceof OtlpGrpcSpanExporter) {
      retrying =
          ((OtlpGrpcSpanExporter) exporter).toBuilder().setRetryPolicy(retryPolicy()).build();
    } else if (!retryDisabled && exporter instanceof OtlpHttpSpanExporter) {
      retrying =
          ((OtlpHttpSpanExporter) exporter).toBuilder().setRetryPolicy(retryPolicy()).build();
    }
    if (retrying != exporter) {
      exporter.shutdown();
    }
    return new WatchedSpanExporter(retrying, this);
  }

  /** The OTLP metric exporter rebuilt with this object's retry rule, like {@link #watch}. */
  MetricExporter withRetryRule(MetricExporter exporter, boolean retryDisabled) {
    MetricExporter retrying = exporter;
    if (!retryDisabled && exporter instanceof OtlpGrpcMetricExporter) {
      retrying =
          ((OtlpGrpcMetricExporter) exporter).toBuilder().setRetryPolicy(retryPolicy()).build();
    } else if (!retryDisabled && exporter instanceof OtlpHttpMetricExporter) {
      retrying =
          ((OtlpHttpMetricExporter) exporter).toBuilder().setRetryPolicy(retryPolicy()).build();
    }
    if (retrying != exporter) {
      exporter.shutdown();
    }
    return retrying;
  }

  /** How often a failed export asked whether to retry (for tests). */
  long retryDecisions() {
    return retryDecisions.get();
  }
}
