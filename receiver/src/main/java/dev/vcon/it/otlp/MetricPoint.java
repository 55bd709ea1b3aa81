package dev.vcon.it.otlp;

import java.util.Map;

/**
 * One metric data point, flattened with its metric, resource and scope.
 *
 * @param value the sum or gauge value (a {@link Long} or {@link Double} as sent), null for
 *     histograms and summaries
 * @param histogram count/sum/buckets for histogram-like points, null for sums and gauges
 * @param monotonic only meaningful for {@link Type#SUM}
 */
public record MetricPoint(
    String metricName,
    String unit,
    Type type,
    Temporality temporality,
    boolean monotonic,
    Map<String, Object> attributes,
    Number value,
    HistogramValue histogram,
    long startEpochNanos,
    long epochNanos,
    Map<String, Object> resource,
    String scopeName,
    Arrival arrival) {

  /** The OTLP metric data kinds. */
  public enum Type {
    GAUGE,
    SUM,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }

  /** Aggregation temporality; gauges have {@link #NONE}, summaries count as cumulative. */
  public enum Temporality {
    NONE,
    DELTA,
    CUMULATIVE
  }

  /**
   * The value as a double; fails for histogram-like points, whose value is in {@link #histogram}.
   */
  public double doubleValue() {
    if (value == null) {
      throw new IllegalStateException(
          metricName + " is a " + type + " point and has no single value");
    }
    return value.doubleValue();
  }

  /** The resource's {@code service.instance.id}, or null when the resource has none. */
  public String serviceInstanceId() {
    return (String) resource.get(OtlpStore.SERVICE_INSTANCE_ID);
  }
}
