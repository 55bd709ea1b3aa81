package dev.vcon.sample.vcon;

/** A vCon that is missing or does not match the IETF vCon core shape; it is dead-lettered. */
public final class InvalidVconException extends RuntimeException {
  public InvalidVconException(String uuid, String reason) {
    super("invalid vCon " + uuid + ": " + reason);
  }
}
