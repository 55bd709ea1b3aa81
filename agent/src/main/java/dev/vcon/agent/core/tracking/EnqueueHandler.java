package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import io.opentelemetry.api.common.Attributes;

/**
 * The enqueue role, the producer or API side: {@code conserver.api.count_vcons_enqueued} {@code
 * {ingress_list, source}}, one per call that returned. Without a source expression (or when it
 * yields nothing) the source is {@code unknown}.
 */
final class EnqueueHandler extends QueueHandler<EnqueueHandler.Binding> {

  static final class Binding extends QueueHandler.Target {
    final BoundExpression source;

    Binding(RoleConfig config, MethodExpressions expressions) {
      super(config, expressions);
      source = expressions.bind(config.source());
    }
  }

  EnqueueHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new);
  }

  @Override
  Attributes attributes(Binding binding, String queue, Object self, Object[] args) {
    return names.enqueued(queue, nameOrUnknown(binding.source, self, args));
  }

  @Override
  void returned(QueueCall call, Object result) {
    call.metrics.enqueued().add(1, call.attributes);
  }
}
