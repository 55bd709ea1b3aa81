package dev.vcon.agent.core.tracking;

final class Errors {

  private Errors() {}

  /** The status description of a failed span: the message, else the exception's type. */
  static String message(Throwable thrown) {
    String message = thrown.getMessage();
    return message != null ? message : thrown.getClass().getName();
  }
}
