package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * The dlq role: {@code conserver.dlq.count} {@code {queue_name}} (the dead-letter list's own name,
 * {@code DLQ:<ingress>} in conserver) per move that returned, and an event {@code dead_lettered}
 * with the list's name on the vCon's root span while that run is open: the run on this thread, or
 * the one processing that vCon id on another thread. A run that already ended (the host moves the
 * vCon after its chain threw) cannot take an event any more; the metric is recorded all the same.
 */
final class DlqHandler extends QueueHandler<DlqHandler.Binding> {

  static final String EVENT = "dead_lettered";

  static final class Binding extends QueueHandler.Target {
    final BoundExpression vconId;

    Binding(RoleConfig config, MethodExpressions expressions) {
      super(config, expressions);
      vconId = expressions.bind(config.vconId());
    }
  }

  DlqHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new);
  }

  @Override
  Attributes attributes(Binding binding, String queue, Object self, Object[] args) {
    return names.deadLettered(queue);
  }

  @Override
  Object subject(Binding binding, Object self, Object[] args) {
    return string(binding.vconId, self, args);
  }

  @Override
  void returned(QueueCall call, Object result) {
    call.metrics.deadLettered().add(1, call.attributes);
    ChainRun run = context.runs.parentOf(call.subject);
    if (run != null) {
      Span.fromContext(run.context)
          .addEvent(
              EVENT,
              Attributes.of(ConserverMetrics.QUEUE_NAME, QueueAttributes.bounded(call.queue)));
    }
  }
}
