package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.Attributes;
import java.util.function.BiFunction;

/**
 * A role that records a queue operation of the host (receive, dlq, enqueue, queue-length) when its
 * method returns: the list's name and the role's other values are read on entry, from the call's
 * arguments; what to record is decided on exit, from the return value. A call that throws records
 * nothing: the operation did not happen. Re-entry on one receiver (an override calling {@code
 * super}, an overload delegating to another) records once.
 *
 * @param <B> the role's bound expressions, at least the list's name
 */
abstract class QueueHandler<B extends QueueHandler.Target> extends RoleHandler<B> {

  /** The expression every queue role reads: the list's name. */
  static class Target {
    final BoundExpression queue;

    Target(RoleConfig config, MethodExpressions expressions) {
      queue = expressions.bind(config.queue());
    }
  }

  final QueueAttributes names = new QueueAttributes();
  private final CallFrames frames = new CallFrames();

  QueueHandler(
      TrackingContext context,
      InternalErrors errors,
      BiFunction<RoleConfig, MethodExpressions, B> binder) {
    super(context, errors, binder);
  }

  @Override
  final ExitHandle enter(B binding, Object self, Object[] args) {
    if (frames.isReentry(self)) {
      return null;
    }
    Telemetry generation = context.telemetry.current();
    if (generation == null) {
      return null;
    }
    String queue = nameOrUnknown(binding.queue, self, args);
    return new QueueCall(
        this,
        frames,
        frames.push(self),
        generation,
        attributes(binding, queue, self, args),
        subject(binding, self, args),
        queue);
  }

  /** The metric attributes of this call, read on entry. */
  abstract Attributes attributes(B binding, String queue, Object self, Object[] args);

  /** Anything else the role needs on exit, read on entry (a vCon id); null by default. */
  Object subject(B binding, Object self, Object[] args) {
    return null;
  }

  /** The method returned {@code result}: record what it means. */
  abstract void returned(QueueCall call, Object result);
}
