package dev.vcon.agent.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** The forms a {@code service.instance.id} can take. */
final class InstanceIds {
  /** The namespace the semantic conventions recommend for UUID v5 service instance ids. */
  static final UUID SEMCONV_NAMESPACE = UUID.fromString("4d63009a-8d0f-11ee-aad7-4c796ed8e320");

  private InstanceIds() {}

  /** The conserver's own form, kept so existing dashboards keep grouping the same way. */
  static String hostPid(String host, long pid) {
    return host + "-pid-" + pid;
  }

  /**
   * A UUID v5 of {@code host|pid|creation-time-millis}: deterministic, so stable for the life of
   * the process, and unique across pid reuse because the creation time differs; it also keeps the
   * host name and pid (which the conventions call confidential) out of the id itself.
   */
  static String uuid(String host, long pid, long creationMillis) {
    return nameUuidV5(SEMCONV_NAMESPACE, host + "|" + pid + "|" + creationMillis).toString();
  }

  static UUID nameUuidV5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
    ByteBuffer ns = ByteBuffer.allocate(16);
    ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
    sha1.update(ns.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong());
  }
}
