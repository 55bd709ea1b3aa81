package dev.vcon.it.bench.host;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A step that does a little real work: it hashes the payload {@code rounds} times with SHA-256, so
 * a chain run costs the host some microseconds, as a real link would, and the agent's overhead is
 * measured against work rather than against an empty method.
 */
public final class DigestStep implements Step {
  private final String label;
  private final int rounds;

  public DigestStep(String label, int rounds) {
    this.label = label;
    this.rounds = rounds;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public byte[] apply(String conversationId, int position, byte[] payload) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] out = null;
      for (int i = 0; i < rounds; i++) {
        digest.update(payload);
        digest.update((byte) position);
        out = digest.digest();
      }
      return out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
