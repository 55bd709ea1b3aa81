package dev.vcon.sample.queue;

/** The queue's backing store (Redis server, spool folder) cannot be reached right now. */
public final class QueueUnavailableException extends RuntimeException {
  public QueueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
