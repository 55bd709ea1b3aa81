package dev.vcon.it.chain.host;

/**
 * What {@code this.chainDetails.name} reads for most chains: a private field and no getter (the
 * "beta" chains use a {@code Map} instead). {@code name} is an Object so a test can hand the agent
 * a value whose {@code toString()} throws.
 */
public final class ChainDetails {
  private final Object name;

  public ChainDetails(Object name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return "ChainDetails";
  }
}
