package dev.vcon.sample.chain;

/** A link threw: the chain run fails and the worker moves the vCon to the dead-letter list. */
public final class LinkFailedException extends RuntimeException {
  public LinkFailedException(
      String chainName, String linkName, int linkIndex, String uuid, RuntimeException cause) {
    super(
        "link "
            + linkName
            + " (#"
            + linkIndex
            + " of chain "
            + chainName
            + ") failed on vCon "
            + uuid
            + ": "
            + cause.getMessage(),
        cause);
  }
}
