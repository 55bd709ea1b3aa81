package dev.vcon.agent.core.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of instrumented methods, each configured under its own key prefix, with the expressions
 * it needs ({@link #requiredExpressions()}) and those it may use ({@link #optionalExpressions()}).
 */
public enum Role {
  CHAIN(keys(RoleConfig.NAME, RoleConfig.VCON_ID), keys(RoleConfig.CONTEXT)),
  LINK(keys(RoleConfig.NAME, RoleConfig.VCON_ID), keys(RoleConfig.INDEX)),
  STORAGE(keys(RoleConfig.NAME, RoleConfig.VCON_ID), keys()),
  /** A worker takes a vCon from an ingress list: the method returns it (null or empty: none). */
  RECEIVE(keys(RoleConfig.QUEUE), keys()),
  /** A vCon is moved to a dead-letter list. */
  DLQ(keys(RoleConfig.QUEUE), keys(RoleConfig.VCON_ID)),
  /** A producer (conserver's API) puts a vCon on an ingress list. */
  ENQUEUE(keys(RoleConfig.QUEUE), keys(RoleConfig.SOURCE)),
  /** The host reads a list's length (its health check): the method returns it. */
  QUEUE_LENGTH(keys(RoleConfig.QUEUE), keys(RoleConfig.KIND)),
  /** A hand-off of a vCon to the next chain: its root's context goes into a carrier map. */
  EGRESS(keys(RoleConfig.VCON_ID, RoleConfig.CARRIER), keys());

  private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');
  private final String prefix = "vcon.agent." + label;
  private final List<String> required;
  private final List<String> optional;

  Role(List<String> required, List<String> optional) {
    this.required = required;
    this.optional = optional;
  }

  private static List<String> keys(String... suffixes) {
    return Collections.unmodifiableList(Arrays.asList(suffixes));
  }

  /** The key prefix, e.g. {@code vcon.agent.chain}. */
  public String prefix() {
    return prefix;
  }

  /**
   * A full key under this role, e.g. {@code key("methods")} is {@code vcon.agent.chain.methods}.
   */
  public String key(String suffix) {
    return prefix + '.' + suffix;
  }

  /** The name used in keys and messages, e.g. {@code chain}, {@code queue-length}. */
  public String label() {
    return label;
  }

  /** The expression keys (suffixes) the role cannot work without. */
  public List<String> requiredExpressions() {
    return required;
  }

  /** The expression keys (suffixes) the role reads when they are set. */
  public List<String> optionalExpressions() {
    return optional;
  }
}
