package dev.vcon.it.chain.host;

/**
 * The chain tests' link contract ({@code vcon.agent.link.methods=dev.vcon.it.chain.host.Link#run}).
 * Generic in its result, so every implementation with a concrete result type gets a bridge method
 * {@code Object run(String, String, int)} that the agent must not record a second time.
 */
public interface Link<R> {
  R run(String vconId, String linkName, int index);
}
