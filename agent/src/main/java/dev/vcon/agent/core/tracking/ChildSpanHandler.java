package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * A role whose calls are child spans of their vCon's chain run (link, storage): the shared entry
 * logic (re-entry, parent run, span name and attributes); each role adds its outcome and metrics.
 *
 * @param <B> the role's bound expressions, at least a name and a vCon id
 */
abstract class ChildSpanHandler<B extends ChildSpanHandler.Target> extends RoleHandler<B> {

  /** The expressions every child role reads: the call's name and the vCon it works on. */
  static class Target {
    final BoundExpression name;
    final BoundExpression vconId;

    Target(BoundExpression name, BoundExpression vconId) {
      this.name = name;
      this.vconId = vconId;
    }
  }

  private final CallFrames frames = new CallFrames();
  private final AttributeKey<String> nameKey;

  ChildSpanHandler(TrackingContext context, InternalErrors errors, AttributeKey<String> nameKey) {
    super(context, errors);
    this.nameKey = nameKey;
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
    String vconId = string(binding.vconId, self, args);
    String name = nameOrUnknown(binding.name, self, args);
    ChainRun run = context.runs.parentOf(vconId);
    MetricAttributes names = context.attributes();
    SpanBuilder builder = generation.tracer().spanBuilder(spanName(names, name));
    if (run == null) {
      builder.setNoParent();
    } else {
      builder.setParent(run.context);
    }
    if (vconId != null) {
      builder.setAttribute(SpanKeys.VCON_ID, vconId);
    }
    builder.setAttribute(nameKey, name);
    describe(builder, binding, self, args);
    if (run != null) {
      builder.setAttribute(SpanKeys.CHAIN_NAME, run.chainName);
    }
    return new ChildCall(
        this, frames, frames.push(self), run, name, builder.startSpan(), generation, names);
  }

  abstract String spanName(MetricAttributes names, String name);

  /** The role's own span attributes, read on entry; none by default. */
  void describe(SpanBuilder span, B binding, Object self, Object[] args) {}

  /** The {@code outcome} of the call, on its span and its metrics. */
  abstract String outcome(Object result, Throwable thrown);

  /** The role's metrics (and any effect on its run) for a call that ended with that outcome. */
  abstract void record(ChildCall call, String outcome, Object result, Throwable thrown);
}
