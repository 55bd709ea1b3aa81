package dev.vcon.receiver;

import dev.vcon.it.otlp.HistogramValue;
import dev.vcon.it.otlp.MetricPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The conserver metrics as they arrive, twice: per {@code service.instance.id} (the newest
 * cumulative point of each process's series) and collapsed, as a backend that drops the instance id
 * keeps them (one series per metric and attributes, overwritten by whichever process exported
 * last). Bounded: at most {@value #MAX_SERIES} series, {@value #MAX_SAMPLES} samples.
 */
final class MetricsView {
  static final String NO_INSTANCE = "(no service.instance.id)";
  private static final int MAX_SERIES = 10_000;
  private static final int MAX_SAMPLES = 2_000;

  private record SeriesKey(String metric, String instance, Map<String, Object> attributes) {}

  private record CollapsedKey(String metric, Map<String, Object> attributes) {}

  private final Map<SeriesKey, MetricPoint> latest = new HashMap<>();
  private final Map<CollapsedKey, MetricPoint> collapsed = new HashMap<>();
  private final Set<String> instances = new TreeSet<>();
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private long inflightPeakSum;
  private long inflightPeakCollapsed;

  /** Takes the points of one export request. */
  synchronized void accept(List<MetricPoint> points) {
    boolean changed = false;
    for (MetricPoint p : points) {
      if (!ConserverMetrics.isShown(p.metricName())
          || p.temporality() == MetricPoint.Temporality.DELTA) {
        continue;
      }
      String instance = Objects.requireNonNullElse(p.serviceInstanceId(), NO_INSTANCE);
      SeriesKey key = new SeriesKey(p.metricName(), instance, p.attributes());
      if (!latest.containsKey(key) && latest.size() >= MAX_SERIES) {
        continue;
      }
      instances.add(instance);
      latest.merge(key, p, (old, now) -> now.epochNanos() >= old.epochNanos() ? now : old);
      collapsed.put(new CollapsedKey(p.metricName(), p.attributes()), p);
      changed = true;
    }
    if (changed) {
      sample();
    }
  }

  private void sample() {
    Map<String, Long> byInstance = new LinkedHashMap<>();
    long sum = 0;
    for (String instance : instances) {
      long v = instanceSum(ConserverMetrics.INFLIGHT, instance);
      byInstance.put(instance, v);
      sum += v;
    }
    long collapsedInflight = collapsedSum(ConserverMetrics.INFLIGHT);
    inflightPeakSum = Math.max(inflightPeakSum, sum);
    inflightPeakCollapsed = Math.max(inflightPeakCollapsed, collapsedInflight);
    Map<String, double[]> percentiles = new TreeMap<>();
    runTimeByChain()
        .forEach(
            (chain, h) ->
                percentiles.put(
                    chain,
                    new double[] {Histograms.percentile(h, 0.5), Histograms.percentile(h, 0.99)}));
    samples.addLast(
        new Sample(System.currentTimeMillis(), byInstance, sum, collapsedInflight, percentiles));
    if (samples.size() > MAX_SAMPLES) {
      samples.removeFirst();
    }
  }

  synchronized List<String> instances() {
    return List.copyOf(instances);
  }

  /** One row per instance, in id order. */
  synchronized List<Row> instanceRows() {
    List<Row> rows = new ArrayList<>();
    for (String instance : instances) {
      HistogramValue h = Histograms.merge(instanceHistograms(instance));
      rows.add(
          new Row(
              instance,
              instanceSum(ConserverMetrics.INFLIGHT, instance),
              instanceSum(ConserverMetrics.PROCESSED, instance),
              instanceSum(ConserverMetrics.FAILED, instance),
              Histograms.percentile(h, 0.5),
              Histograms.percentile(h, 0.99)));
    }
    return rows;
  }

  /** The cluster: every instance's series added up. */
  synchronized Row totalRow() {
    long inflight = 0;
    long processed = 0;
    long failed = 0;
    List<HistogramValue> all = new ArrayList<>();
    for (String instance : instances) {
      inflight += instanceSum(ConserverMetrics.INFLIGHT, instance);
      processed += instanceSum(ConserverMetrics.PROCESSED, instance);
      failed += instanceSum(ConserverMetrics.FAILED, instance);
      all.addAll(instanceHistograms(instance));
    }
    HistogramValue h = Histograms.merge(all);
    return new Row(
        "total (" + instances.size() + (instances.size() == 1 ? " instance)" : " instances)"),
        inflight,
        processed,
        failed,
        Histograms.percentile(h, 0.5),
        Histograms.percentile(h, 0.99));
  }

  /** What a backend shows when every process writes the same series: the last export wins. */
  synchronized Row collapsedRow() {
    List<HistogramValue> hs = new ArrayList<>();
    collapsed.forEach(
        (k, p) -> {
          if (k.metric().equals(ConserverMetrics.RUN_TIME)) {
            hs.add(p.histogram());
          }
        });
    HistogramValue h = Histograms.merge(hs);
    return new Row(
        "without instance id",
        collapsedSum(ConserverMetrics.INFLIGHT),
        collapsedSum(ConserverMetrics.PROCESSED),
        collapsedSum(ConserverMetrics.FAILED),
        Histograms.percentile(h, 0.5),
        Histograms.percentile(h, 0.99));
  }

  /** Run time per chain name over all instances. */
  synchronized Map<String, HistogramValue> runTimeByChain() {
    Map<String, List<HistogramValue>> byChain = new TreeMap<>();
    latest.forEach(
        (k, p) -> {
          if (k.metric().equals(ConserverMetrics.RUN_TIME)) {
            Object chain = k.attributes().get(ConserverMetrics.CHAIN);
            byChain
                .computeIfAbsent(String.valueOf(chain), c -> new ArrayList<>())
                .add(p.histogram());
          }
        });
    Map<String, HistogramValue> out = new TreeMap<>();
    byChain.forEach((chain, hs) -> out.put(chain, Histograms.merge(hs)));
    return out;
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The highest sum of the instances' in-flight values seen after any export. */
  synchronized long inflightPeakSum() {
    return inflightPeakSum;
  }

  /** The highest in-flight value the collapsed series ever showed. */
  synchronized long inflightPeakCollapsed() {
    return inflightPeakCollapsed;
  }

  private long instanceSum(String metric, String instance) {
    long sum = 0;
    for (Map.Entry<SeriesKey, MetricPoint> e : latest.entrySet()) {
      SeriesKey k = e.getKey();
      if (k.metric().equals(metric) && k.instance().equals(instance)) {
        sum += asLong(e.getValue());
      }
    }
    return sum;
  }

  private List<HistogramValue> instanceHistograms(String instance) {
    List<HistogramValue> hs = new ArrayList<>();
    latest.forEach(
        (k, p) -> {
          if (k.metric().equals(ConserverMetrics.RUN_TIME) && k.instance().equals(instance)) {
            hs.add(p.histogram());
          }
        });
    return hs;
  }

  private long collapsedSum(String metric) {
    long sum = 0;
    for (Map.Entry<CollapsedKey, MetricPoint> e : collapsed.entrySet()) {
      if (e.getKey().metric().equals(metric)) {
        sum += asLong(e.getValue());
      }
    }
    return sum;
  }

  private static long asLong(MetricPoint p) {
    return p.value() == null ? 0 : Math.round(p.value().doubleValue());
  }
}
