package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.instrument.InstrumentedMethod;

/**
 * One entry of the method-id table: a woven method's role handler and the expressions it bound for
 * that method. Entry failures are caught here and counted against the role.
 */
final class BoundMethod<B> {

  private final RoleHandler<B> handler;
  private final B binding;

  private BoundMethod(RoleHandler<B> handler, B binding) {
    this.handler = handler;
    this.binding = binding;
  }

  static <B> BoundMethod<B> bind(
      RoleHandler<B> handler, RoleConfig config, InstrumentedMethod method, ProblemLines problems) {
    MethodExpressions expressions = new MethodExpressions(problems, method.description());
    return new BoundMethod<>(handler, handler.bind(config, expressions));
  }

  ExitHandle enter(Object self, Object[] args) {
    try {
      return handler.enter(binding, self, args);
    } catch (Throwable t) {
      handler.errors.failed(t);
      return null;
    }
  }
}
