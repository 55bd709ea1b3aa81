package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.expr.ValueText;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

final class Errors {

  private Errors() {}

  /** A failed call: status ERROR with the message, and the exception as an event. */
  static void recordFailure(Span span, Throwable thrown) {
    span.setStatus(StatusCode.ERROR, message(thrown));
    span.recordException(thrown);
  }

  /** The status description of a failed span: the message, else the exception's type. */
  static String message(Throwable thrown) {
    String message;
    try {
      message = thrown.getMessage();
    } catch (Throwable hostFailure) {
      message = null; // a throwing getMessage() loses the message, not the span
    }
    return message != null
        ? ValueText.limit(message, ValueText.DEFAULT_LIMIT)
        : thrown.getClass().getName();
  }
}
