package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.expr.ValueText;
import java.util.function.BiFunction;

/**
 * What one role (chain, link, storage, egress) records for the methods that play it. A role binds
 * the expressions it reads, by name, once per woven method ({@link #bind}), and turns each call
 * into an exit handle ({@link #enter}); its {@link TrackingContext} gives it the current pipeline
 * generation and the runs in progress. A failure inside a handler, on entry or on exit, is caught
 * and counted against its role ({@link InternalErrors}), never thrown at the host.
 *
 * @param <B> the role's bound expressions for one method
 */
abstract class RoleHandler<B> {

  static final String UNKNOWN = "unknown";

  final TrackingContext context;
  final InternalErrors errors;
  private final BiFunction<RoleConfig, MethodExpressions, B> binder;

  /**
   * @param binder binds the expressions this role reads, for one woven method (typically the
   *     constructor of the role's binding class)
   */
  RoleHandler(
      TrackingContext context,
      InternalErrors errors,
      BiFunction<RoleConfig, MethodExpressions, B> binder) {
    this.context = context;
    this.errors = errors;
    this.binder = binder;
  }

  /** Binds the expressions this role reads, for one woven method. */
  final B bind(RoleConfig config, MethodExpressions expressions) {
    return binder.apply(config, expressions);
  }

  /**
   * A call of a method of this role begins: the handle that finishes it, or null to record none.
   */
  abstract ExitHandle enter(B binding, Object self, Object[] args);

  /** The receiver's class, whose loader's OpenTelemetry API a host SDK uses; null if static. */
  static Class<?> typeOf(Object self) {
    return self == null ? null : self.getClass();
  }

  /**
   * The expression's value as text within the value length limit, or null (also when its {@code
   * toString} throws): truncated here, before any span, metric or cache sees it.
   */
  final String string(BoundExpression expression, Object self, Object[] args) {
    if (expression == null) {
      return null;
    }
    return ValueText.of(expression.evaluate(self, args), context.valueLimit);
  }

  final String nameOrUnknown(BoundExpression expression, Object self, Object[] args) {
    String name = string(expression, self, args);
    return name == null || name.isEmpty() ? UNKNOWN : name;
  }
}
