package dev.vcon.it.security.host;

/** Runs {@link ProbeChain#process} once for the vCon id in {@code args[0]} and exits. */
public final class OneChainRunMain {
  private OneChainRunMain() {}

  public static void main(String[] args) {
    System.out.println(new ProbeChain().process(args[0]));
  }
}
