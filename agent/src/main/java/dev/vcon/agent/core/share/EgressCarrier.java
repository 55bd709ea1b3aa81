package dev.vcon.agent.core.share;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Puts a vCon's root span context into the map a host hands on with the vCon (the egress carrier),
 * in both forms the next chain's upstream context accepts: W3C {@code traceparent} and conserver's
 * {@code trace_id}, {@code span_id}, {@code trace_flags}, each a String. A carrier that is null,
 * not a {@link Map}, or refuses the entries is left alone, with one problem line per egress method.
 */
public final class EgressCarrier {

  public static final String TRACEPARENT = "traceparent";
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";

  private final String method;
  private final Consumer<String> problems;
  private final AtomicBoolean reported = new AtomicBoolean();

  /**
   * @param method the egress method, as problem lines name it
   */
  public EgressCarrier(String method, Consumer<String> problems) {
    this.method = method;
    this.problems = problems;
  }

  /** Writes {@code root} into {@code carrier}; false (and at most one line) when it could not. */
  public boolean inject(SpanContext root, Object carrier) {
    if (root == null || !root.isValid()) {
      return false;
    }
    if (!(carrier instanceof Map)) {
      problem(carrier == null ? "null" : "a " + carrier.getClass().getName() + ", not a Map");
      return false;
    }
    String flags = root.getTraceFlags().asHex();
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) carrier;
    try {
      map.put(TRACEPARENT, "00-" + root.getTraceId() + '-' + root.getSpanId() + '-' + flags);
      map.put(TRACE_ID, root.getTraceId());
      map.put(SPAN_ID, root.getSpanId());
      map.put(TRACE_FLAGS, flags);
      return true;
    } catch (UnsupportedOperationException e) {
      problem("a map that cannot be changed (" + carrier.getClass().getName() + ")");
    } catch (RuntimeException e) {
      // e.g. a checked map of other value types, or one refusing these keys
      problem("a map that refused the entries (" + e + ")");
    }
    return false;
  }

  private void problem(String what) {
    if (reported.compareAndSet(false, true)) {
      problems.accept(
          "vcon-otel-agent: the egress carrier of "
              + method
              + " is "
              + what
              + "; vcon.agent.egress.carrier must name a mutable java.util.Map, the context is"
              + " not handed on (further problems of this method are not reported)");
    }
  }
}
