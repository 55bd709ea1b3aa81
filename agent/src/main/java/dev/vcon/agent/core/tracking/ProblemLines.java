package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.expr.ValueText;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Expression problems as the user sees them: one line per problem (an expression and the member or
 * argument it misses, on one class), however many woven methods (overloads, subclasses) share that
 * expression; each line escaped onto one line and at most {@value #MAX_LINE} chars. The set of
 * problems already printed is bounded too; past it, one line says further ones are not printed.
 */
final class ProblemLines {

  static final int MAX_LINE = 400;
  static final int MAX_PROBLEMS = 256;

  private final Consumer<String> out;
  private final Set<String> printed = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean full = new AtomicBoolean();

  ProblemLines(Consumer<String> out) {
    this.out = out;
  }

  /** Prints the problem, naming the first method it was seen in, unless printed already. */
  void report(String problem, String method) {
    if (printed.contains(problem)) {
      return;
    }
    if (printed.size() >= MAX_PROBLEMS) {
      if (full.compareAndSet(false, true)) {
        out.accept(
            "vcon-otel-agent: more than "
                + MAX_PROBLEMS
                + " distinct expression problems; further ones are not printed");
      }
      return;
    }
    if (printed.add(problem)) {
      out.accept(ValueText.forLine(problem + " (in " + method + ")", MAX_LINE));
    }
  }

  /** Prints a whole line of a role's own (it names its method itself), escaped and bounded. */
  void reportLine(String line) {
    out.accept(ValueText.forLine(line, MAX_LINE));
  }
}
