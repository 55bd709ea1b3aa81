package dev.vcon.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vcon.it.otlp.HistogramValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramsTest {
  private static HistogramValue h(double min, double max, List<Long> counts) {
    long n = counts.stream().mapToLong(Long::longValue).sum();
    return new HistogramValue(n, Double.NaN, min, max, counts, List.of(0.1, 1.0, 10.0));
  }

  @Test
  void percentileInterpolatesInsideTheBucketThatHoldsIt() {
    HistogramValue h = h(Double.NaN, Double.NaN, List.of(0L, 10L, 0L, 0L));

    assertThat(Histograms.percentile(h, 0.5)).isCloseTo(0.55, within(1e-9));
  }

  @Test
  void percentileStaysWithinTheRecordedMinAndMax() {
    HistogramValue h = h(2.0, 3.0, List.of(0L, 0L, 4L, 0L));

    assertThat(Histograms.percentile(h, 0.01)).isGreaterThanOrEqualTo(2.0);
    assertThat(Histograms.percentile(h, 0.99)).isLessThanOrEqualTo(3.0);
  }

  @Test
  void anEmptyHistogramHasNoPercentile() {
    assertThat(Histograms.percentile(h(Double.NaN, Double.NaN, List.of(0L, 0L, 0L, 0L)), 0.5))
        .isNaN();
    assertThat(Histograms.percentile(null, 0.5)).isNaN();
  }

  @Test
  void mergeAddsBucketsAndLeavesOutOtherBounds() {
    HistogramValue other = new HistogramValue(5, 1, 0, 1, List.of(5L, 0L), List.of(0.5));

    HistogramValue merged =
        Histograms.merge(
            List.of(h(0.5, 2, List.of(0L, 1L, 2L, 0L)), h(0.2, 5, List.of(0L, 3L, 0L, 0L)), other));

    assertThat(merged.bucketCounts()).containsExactly(0L, 4L, 2L, 0L);
    assertThat(merged.count()).isEqualTo(6);
    assertThat(merged.min()).isEqualTo(0.2);
    assertThat(merged.max()).isEqualTo(5);
  }
}
