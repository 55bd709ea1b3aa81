package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import io.opentelemetry.api.common.Attributes;

/**
 * The queue-length role: the number a host method returned when the host itself asked for a list's
 * length (its health check, say) becomes the latest value of {@code conserver.ingress_list.length}
 * {@code {ingress_list, kind}}, which the gauge reports for a limited time (see {@link
 * dev.vcon.agent.core.pipeline.QueueLengths}). The agent never asks for a length on its own.
 */
final class QueueLengthHandler extends QueueHandler<QueueLengthHandler.Binding> {

  static final class Binding extends QueueHandler.Target {
    final BoundExpression kind;

    Binding(RoleConfig config, MethodExpressions expressions) {
      super(config, expressions);
      kind = expressions.bind(config.kind());
    }
  }

  QueueLengthHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new);
  }

  @Override
  Attributes attributes(Binding binding, String queue, Object self, Object[] args) {
    return names.length(queue, string(binding.kind, self, args));
  }

  @Override
  void returned(QueueCall call, Object result) {
    // Only the JDK's numbers (Integer, Long...): their value is read without running host code.
    if (result instanceof Number && result.getClass().getClassLoader() == null) {
      call.metrics.queueLengths().record(call.attributes, ((Number) result).longValue());
    }
  }
}
