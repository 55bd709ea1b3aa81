package dev.vcon.it.otlp;

/**
 * How the receiver answers exports: as a healthy collector, or as one of the faults tests inject.
 */
public enum ReceiverMode {
  /** Records the request and answers success. */
  ACCEPT,
  /** Records nothing and answers "try later": HTTP 503, gRPC {@code UNAVAILABLE}. */
  REFUSE,
  /**
   * Takes the request and never answers, as a collector stuck behind a full pipeline: the call
   * stays open until the mode changes (then it is refused) or the receiver stops.
   */
  HANG
}
