package dev.vcon.it.chain.host;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The vCon uuids of the scripted runs, derived from their labels so the tests can compute them. */
public final class Ids {
  private Ids() {}

  /** A stable uuid for a run label such as {@code "V1"} or {@code "loader-child"}. */
  public static String uuid(String label) {
    return UUID.nameUUIDFromBytes(("vcon-it-chain:" + label).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
