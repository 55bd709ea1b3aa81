package dev.vcon.sample.link;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import java.util.Map;

/**
 * Throws for the vCons picked by {@link UuidSelector} ({@code fraction}, default 0, or {@code
 * uuid_pattern}) and continues with the others: the fixture for failed runs and the DLQ.
 */
public final class FailLink implements Link {

  private UuidSelector selector;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    this.selector = new UuidSelector(new Options(options), 0);
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    if (selector.selects(vconUuid)) {
      throw new IllegalStateException(
          "link " + linkName + " fails vCon " + vconUuid + " on purpose");
    }
    return vconUuid;
  }
}
