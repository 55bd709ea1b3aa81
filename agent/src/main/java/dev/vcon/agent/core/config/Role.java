package dev.vcon.agent.core.config;

import java.util.Locale;

/** The kinds of instrumented methods, each configured under its own key prefix. */
public enum Role {
  CHAIN,
  LINK,
  STORAGE,
  /** A hand-off of a vCon to the next chain: its root's context goes into a carrier map. */
  EGRESS;

  private final String prefix = "vcon.agent." + name().toLowerCase(Locale.ROOT);

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

  /** The lower-case name used in messages, e.g. {@code chain}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
