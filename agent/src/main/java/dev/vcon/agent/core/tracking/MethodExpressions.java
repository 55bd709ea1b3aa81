package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.expr.Expression;
import java.util.function.Consumer;

/**
 * Binds a role's expressions for one woven method. Each bound expression keeps its own accessor
 * caches, so a method's values are resolved once per receiver class and then read through method
 * handles; its problem lines name the method, so the user knows where it failed.
 */
final class MethodExpressions {

  private final ProblemLines problems;
  private final String method;

  MethodExpressions(ProblemLines problems, String method) {
    this.problems = problems;
    this.method = method;
  }

  /** The method, as problem lines name it. */
  String method() {
    return method;
  }

  /** Where problem lines go. */
  Consumer<String> problems() {
    return problems::reportLine;
  }

  /** The expression bound for this method, or null when the setting is absent. */
  BoundExpression bind(Expression expression) {
    return expression == null ? null : expression.bind(problem -> problems.report(problem, method));
  }
}
