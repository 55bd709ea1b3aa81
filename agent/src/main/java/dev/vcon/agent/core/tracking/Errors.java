package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.expr.ValueText;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.io.PrintWriter;
import java.io.StringWriter;

final class Errors {

  static final String EXCEPTION_EVENT = "exception";
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  /** The most chars of a stack trace kept in an exception event. */
  static final int STACKTRACE_LIMIT = 32 * 1024;

  private Errors() {}

  /**
   * A failed call: status ERROR with the message, and the exception as an event. The event's
   * attributes are the ones the SDK's {@code recordException} makes, rendered here: the SDK's event
   * would keep the {@code Throwable} itself until the span is exported, and with it (through its
   * stack trace) the classes and the class loader of the code that threw, so a plugin loader the
   * host closed could not be collected while an export waits or retries.
   */
  static void recordFailure(Span span, Throwable thrown) {
    span.setStatus(StatusCode.ERROR, message(thrown));
    span.addEvent(EXCEPTION_EVENT, exceptionAttributes(thrown));
  }

  /**
   * {@code exception.type}, {@code .message} and {@code .stacktrace}, as far as they can be read.
   */
  static Attributes exceptionAttributes(Throwable thrown) {
    AttributesBuilder attributes = Attributes.builder();
    String type = thrown.getClass().getCanonicalName();
    if (type != null) {
      attributes.put(EXCEPTION_TYPE, type);
    }
    String message = rawMessage(thrown);
    if (message != null) {
      attributes.put(EXCEPTION_MESSAGE, ValueText.limit(message, ValueText.DEFAULT_LIMIT));
    }
    String stackTrace = stackTrace(thrown);
    if (stackTrace != null) {
      attributes.put(EXCEPTION_STACKTRACE, ValueText.limit(stackTrace, STACKTRACE_LIMIT));
    }
    return attributes.build();
  }

  /** The status description of a failed span: the message, else the exception's type. */
  static String message(Throwable thrown) {
    String message = rawMessage(thrown);
    return message != null
        ? ValueText.limit(message, ValueText.DEFAULT_LIMIT)
        : thrown.getClass().getName();
  }

  private static String rawMessage(Throwable thrown) {
    try {
      return thrown.getMessage();
    } catch (Throwable hostFailure) {
      return null; // a throwing getMessage() loses the message, not the span
    }
  }

  private static String stackTrace(Throwable thrown) {
    if (thrown instanceof StackOverflowError) {
      // Thrown through every frame of a deep recursion, each woven frame's exit would render the
      // same thousand frames again, and with no stack left: rendering loads classes (the JVM then
      // prints assertion lines) and fails anyway. The type and message say what happened.
      return null;
    }
    try {
      StringWriter text = new StringWriter();
      try (PrintWriter out = new PrintWriter(text)) {
        thrown.printStackTrace(out);
      }
      return text.toString();
    } catch (Throwable hostFailure) {
      return null; // a throwable whose toString() throws loses its stack trace, not the span
    }
  }
}
