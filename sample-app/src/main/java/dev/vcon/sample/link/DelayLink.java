package dev.vcon.sample.link;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import java.util.Map;

/**
 * Sleeps {@code ms} milliseconds (default 100) and continues: stands in for a slow model call, so
 * many vCons are in flight at once and concurrency is visible.
 */
public final class DelayLink implements Link {

  private long millis;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    this.millis = new Options(options).longValue("ms", 100);
    if (millis < 0) {
      throw new IllegalArgumentException("option ms must not be negative");
    }
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("delay interrupted", e);
    }
    return vconUuid;
  }
}
