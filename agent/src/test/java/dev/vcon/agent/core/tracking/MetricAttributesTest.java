package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

/** The attribute-set and span-name caches stay bounded whatever names the host passes. */
class MetricAttributesTest {

  @Test
  void aMillionDistinctNamesKeepTheCachesBounded() {
    MetricAttributes names = new MetricAttributes();
    for (int i = 0; i < 1_000_000; i++) {
      String name = "chain-" + i;
      names.chain(name);
      names.chainSpanName(name);
      names.linkSpanName(name);
      names.storageSpanName(name);
      names.linkCount(name, Outcomes.SUCCESS);
      names.linkTime("link-" + (i % 1000), name);
      names.storage(name, Outcomes.ERROR);
    }
    int bound =
        6 * MetricAttributes.NAMES
            + MetricAttributes.LINKS_WITH_CHAINS
            + MetricAttributes.LINKS_WITH_CHAINS * MetricAttributes.CHAINS_PER_LINK;
    assertThat(names.entries()).isPositive().isLessThanOrEqualTo(bound);
  }

  @Test
  void pastTheCapValuesAreStillRight() {
    MetricAttributes names = new MetricAttributes();
    for (int i = 0; i < MetricAttributes.NAMES * 2; i++) {
      names.chain("c" + i);
    }
    assertThat(names.chain("late"))
        .isEqualTo(Attributes.of(dev.vcon.agent.core.pipeline.ConserverMetrics.CHAIN_NAME, "late"));
    assertThat(names.chainSpanName("late")).isEqualTo("vcon_processing.late");
  }
}
