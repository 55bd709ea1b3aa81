package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.share.EgressCarrier;

/**
 * The egress role: a method that hands a vCon on to the next chain with a header map (the carrier).
 * Before its body runs, the context of that vCon's root span goes into the map, found as links and
 * storages find their run (on this thread, else by vCon id from another thread). No span, no
 * metric, nothing at exit; no run open for that vCon: nothing is written.
 */
final class EgressHandler extends RoleHandler<EgressHandler.Binding> {

  static final class Binding {
    final BoundExpression vconId;
    final BoundExpression carrier;
    final EgressCarrier writer;

    Binding(RoleConfig config, MethodExpressions expressions) {
      vconId = expressions.bind(config.vconId());
      carrier = expressions.bind(config.carrier());
      writer = new EgressCarrier(expressions.method(), expressions.problems());
    }
  }

  EgressHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new);
  }

  @Override
  ExitHandle enter(Binding binding, Object self, Object[] args) {
    ChainRun run = context.runs.parentOf(string(binding.vconId, self, args));
    if (run != null && binding.carrier != null) {
      binding.writer.inject(run.rootContext(), binding.carrier.evaluate(self, args));
    }
    return null;
  }
}
