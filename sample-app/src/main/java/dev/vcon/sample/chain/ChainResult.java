package dev.vcon.sample.chain;

/**
 * How a chain run that did not throw ended: completed (stored and forwarded {@code finalUuid}) or
 * halted by the link {@code haltedBy} returning null.
 */
public record ChainResult(String finalUuid, String haltedBy) {

  static ChainResult completed(String finalUuid) {
    return new ChainResult(finalUuid, null);
  }

  static ChainResult halted(String uuid, String linkName) {
    return new ChainResult(uuid, linkName);
  }

  public boolean halted() {
    return haltedBy != null;
  }
}
