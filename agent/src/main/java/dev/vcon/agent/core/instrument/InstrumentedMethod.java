package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.Role;

/** One method the agent wove advice into: what it is and which role it plays. */
public final class InstrumentedMethod {

  private final int id;
  private final Role role;
  private final String className;
  private final String description;

  public InstrumentedMethod(int id, Role role, String className, String description) {
    this.id = id;
    this.role = role;
    this.className = className;
    this.description = description;
  }

  public int id() {
    return id;
  }

  public Role role() {
    return role;
  }

  public String className() {
    return className;
  }

  /** A readable signature, for problem lines. */
  public String description() {
    return description;
  }
}
