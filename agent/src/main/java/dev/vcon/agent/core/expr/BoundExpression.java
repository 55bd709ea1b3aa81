package dev.vcon.agent.core.expr;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An {@link Expression} ready to evaluate on calls, with its own per-step accessor caches.
 *
 * <p>Thread-safe without locks: the hot path reads one volatile cache entry per step (and, for a
 * receiver class seen after the first, one {@code ConcurrentHashMap.get}). Evaluation never throws
 * and never does a reflective lookup once each receiver class has been seen.
 */
public final class BoundExpression {

  private static final String PREFIX = "vcon-otel-agent: expression '";
  private static final int MAX_THROWN = 200;

  private final Expression expression;
  private final String constant;
  private final int rootIndex;
  private final Step[] steps;
  private final Consumer<String> onceProblem;
  private final AtomicBoolean reported = new AtomicBoolean();

  BoundExpression(Expression expression, Consumer<String> onceProblem) {
    this.expression = expression;
    this.constant = expression.constantValue();
    this.rootIndex = expression.rootIndex();
    this.onceProblem = onceProblem;
    List<String> names = expression.steps();
    this.steps = new Step[names.size()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = new Step(this, names.get(i));
    }
  }

  public Expression expression() {
    return expression;
  }

  /**
   * The expression's value for one call, or null when any value along the way is null, a step is
   * missing, a getter throws, or the argument does not exist.
   *
   * @param self the receiver, null for a static method
   * @param args the call's arguments (may be null for none)
   */
  public Object evaluate(Object self, Object[] args) {
    if (constant != null) {
      return constant;
    }
    Object value;
    if (rootIndex == Expression.THIS) {
      value = self;
    } else if (args == null || rootIndex >= args.length) {
      if (!reported.get()) {
        argumentMissing(args == null ? 0 : args.length);
      }
      return null;
    } else {
      value = args[rootIndex];
    }
    for (Step step : steps) {
      if (value == null) {
        return null;
      }
      value = step.read(value);
    }
    return value;
  }

  /** {@link #evaluate} as text: {@code String.valueOf} of a non-null value, else null. */
  public String evaluateString(Object self, Object[] args) {
    Object value = evaluate(self, args);
    return value == null ? null : String.valueOf(value);
  }

  private void argumentMissing(int count) {
    report(
        PREFIX
            + expression.text()
            + "': the method has "
            + count
            + " argument(s), so arg"
            + rootIndex
            + " does not exist; it yields no value");
  }

  /** The line for a step no getter, field or map serves; built once per receiver class. */
  String missingStepLine(String step, Class<?> type) {
    return PREFIX
        + expression.text()
        + "': step '"
        + step
        + "' matches no getter, field or map entry on class "
        + type.getName()
        + "; it yields no value";
  }

  void stepThrew(String step, Class<?> type, Throwable thrown) {
    if (!reported.get()) {
      report(
          PREFIX
              + expression.text()
              + "': step '"
              + step
              + "' on class "
              + type.getName()
              + " threw "
              + ValueText.forLine(ValueText.of(thrown, MAX_THROWN), MAX_THROWN)
              + "; it yields no value");
    }
  }

  /** Passes the first problem of this bound expression on; later ones are dropped. */
  void report(String line) {
    // The plain read first: a missing step calls this on every evaluation, and a failing CAS
    // would still take the cache line exclusively on each call.
    if (!reported.get() && reported.compareAndSet(false, true)) {
      try {
        onceProblem.accept(line);
      } catch (RuntimeException ignored) {
        // a failing problem sink must not turn into a failing host call
      }
    }
  }

  boolean hasReported() {
    return reported.get();
  }

  @Override
  public String toString() {
    return expression.text();
  }
}
