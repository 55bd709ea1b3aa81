package dev.vcon.receiver;

import dev.vcon.it.otlp.HistogramValue;
import java.util.ArrayList;
import java.util.List;

/** Merging explicit-bucket histograms and reading percentiles from them. */
final class Histograms {
  private Histograms() {}

  /**
   * The sum of histograms with the same bucket bounds; a histogram with other bounds is left out
   * (it cannot be added bucket by bucket). Null when there is nothing to merge.
   */
  static HistogramValue merge(List<HistogramValue> values) {
    HistogramValue first = null;
    long[] counts = null;
    long count = 0;
    double sum = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (HistogramValue h : values) {
      if (h == null || h.bucketCounts().isEmpty()) {
        continue;
      }
      if (first == null) {
        first = h;
        counts = new long[h.bucketCounts().size()];
      } else if (!first.explicitBounds().equals(h.explicitBounds())) {
        continue;
      }
      for (int i = 0; i < counts.length; i++) {
        counts[i] += h.bucketCounts().get(i);
      }
      count += h.count();
      sum += Double.isNaN(h.sum()) ? 0 : h.sum();
      min = Double.isNaN(min) || h.min() < min ? h.min() : min;
      max = Double.isNaN(max) || h.max() > max ? h.max() : max;
    }
    if (first == null) {
      return null;
    }
    List<Long> merged = new ArrayList<>(counts.length);
    for (long c : counts) {
      merged.add(c);
    }
    return new HistogramValue(count, sum, min, max, merged, first.explicitBounds());
  }

  /**
   * The value below which a fraction {@code q} of the recorded values lie, interpolated linearly
   * inside the bucket that holds it (as Prometheus' histogram_quantile does), and kept within the
   * recorded min and max when the sender gave them. NaN for an empty histogram.
   */
  static double percentile(HistogramValue h, double q) {
    if (h == null || h.count() == 0 || h.bucketCounts().isEmpty()) {
      return Double.NaN;
    }
    List<Double> bounds = h.explicitBounds();
    double rank = q * h.count();
    long seen = 0;
    for (int i = 0; i < h.bucketCounts().size(); i++) {
      long inBucket = h.bucketCounts().get(i);
      if (inBucket == 0 || seen + inBucket < rank) {
        seen += inBucket;
        continue;
      }
      double lower = i == 0 ? orElse(h.min(), 0) : bounds.get(i - 1);
      double upper = i == bounds.size() ? orElse(h.max(), bounds.get(i - 1)) : bounds.get(i);
      if (!Double.isNaN(h.min())) {
        lower = Math.max(lower, h.min());
      }
      if (!Double.isNaN(h.max())) {
        upper = Math.min(upper, h.max());
      }
      double value = lower + (upper - lower) * ((rank - seen) / inBucket);
      return Math.max(lower, Math.min(upper, value));
    }
    return orElse(h.max(), Double.NaN);
  }

  private static double orElse(double value, double fallback) {
    return Double.isNaN(value) ? fallback : value;
  }
}
