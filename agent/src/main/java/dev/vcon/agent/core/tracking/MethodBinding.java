package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.instrument.InstrumentedMethod;
import java.util.function.Consumer;

/**
 * The role's expressions bound for one instrumented method: each keeps its own accessor caches, so
 * a method's values are resolved once per receiver class and then read through method handles.
 */
final class MethodBinding {

  final Role role;
  final BoundExpression name;
  final BoundExpression vconId;

  /** The chain's upstream context, or the link's index; null when not configured. */
  final BoundExpression extra;

  private MethodBinding(
      Role role, BoundExpression name, BoundExpression vconId, BoundExpression extra) {
    this.role = role;
    this.name = name;
    this.vconId = vconId;
    this.extra = extra;
  }

  static MethodBinding bind(
      InstrumentedMethod method, RoleConfig config, Consumer<String> problems) {
    Consumer<String> named = new InMethod(problems, method.description());
    BoundExpression name = config.name() == null ? null : config.name().bind(named);
    BoundExpression vconId = config.vconId() == null ? null : config.vconId().bind(named);
    BoundExpression extra = null;
    if (config.role() == Role.CHAIN && config.context() != null) {
      extra = config.context().bind(named);
    } else if (config.role() == Role.LINK && config.index() != null) {
      extra = config.index().bind(named);
    }
    return new MethodBinding(config.role(), name, vconId, extra);
  }

  /** Adds the method to an expression's problem line, so the user knows where it failed. */
  private static final class InMethod implements Consumer<String> {
    private final Consumer<String> problems;
    private final String method;

    InMethod(Consumer<String> problems, String method) {
      this.problems = problems;
      this.method = method;
    }

    @Override
    public void accept(String problem) {
      problems.accept(problem + " (in " + method + ")");
    }
  }
}
