package dev.vcon.it.bench.host;

/** Which route a conversation takes; its name is what the agent reports as the chain name. */
public final class Route {
  private final String name;

  public Route(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }
}
