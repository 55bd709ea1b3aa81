package dev.vcon.it.security.host;

/** The one chain method of the security hosts: configured as a chain run, it proves the bridge. */
public final class ProbeChain {
  public String process(String vconId) {
    return "processed " + vconId;
  }
}
