package dev.vcon.it.otlp;

import java.util.List;

/**
 * The value of a histogram-like point. For explicit-bucket histograms {@code bucketCounts} has one
 * more entry than {@code explicitBounds}; for exponential histograms and summaries both lists are
 * empty and only count/sum are kept.
 *
 * @param sum NaN when the sender left it out
 * @param min NaN when the sender left it out
 * @param max NaN when the sender left it out
 * @param exemplars as sent (explicit-bucket and exponential histograms), else empty
 */
public record HistogramValue(
    long count,
    double sum,
    double min,
    double max,
    List<Long> bucketCounts,
    List<Double> explicitBounds,
    List<Exemplar> exemplars) {

  /** A value without exemplars. */
  public HistogramValue(
      long count,
      double sum,
      double min,
      double max,
      List<Long> bucketCounts,
      List<Double> explicitBounds) {
    this(count, sum, min, max, bucketCounts, explicitBounds, List.of());
  }
}
