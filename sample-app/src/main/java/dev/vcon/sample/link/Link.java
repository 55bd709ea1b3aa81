package dev.vcon.sample.link;

import dev.vcon.sample.chain.ComponentContext;
import java.util.Map;

/**
 * One processing step of a chain, as conserver's link modules: it reads and may rewrite the vCon in
 * the store, then says how the chain goes on.
 *
 * <p>Implementations need a public no-argument constructor: the configuration names the class, and
 * {@link #init} receives the link's {@code options} once, before any {@link #run}. One instance
 * serves all concurrent chain runs, so {@code run} must be thread-safe.
 */
public interface Link {

  /** Receives the configured options; throw {@link IllegalArgumentException} for a bad one. */
  default void init(Map<String, Object> options, ComponentContext context) {}

  /**
   * Processes one vCon.
   *
   * @param vconUuid the vCon to work on
   * @param linkName the name the chain configuration gives this link
   * @param linkIndex the link's 0-based position in the chain
   * @return the uuid the chain continues with (the same one, or a new vCon's), or null to halt
   */
  String run(String vconUuid, String linkName, int linkIndex);
}
