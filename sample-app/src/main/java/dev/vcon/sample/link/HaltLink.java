package dev.vcon.sample.link;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import java.util.Map;

/**
 * Returns null (halts the chain: no storages, no egress) for the vCons picked by {@link
 * UuidSelector} ({@code fraction}, default 0, or {@code uuid_pattern}); continues with the others.
 */
public final class HaltLink implements Link {

  private UuidSelector selector;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    this.selector = new UuidSelector(new Options(options), 0);
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    return selector.selects(vconUuid) ? null : vconUuid;
  }
}
