package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import java.util.function.BiFunction;

/**
 * A role whose calls are child spans of their vCon's chain run (link, storage): the shared entry
 * logic (re-entry, parent run, span name and attributes, sharing the span with other
 * instrumentation while the call is open); each role adds its outcome and metrics.
 *
 * @param <B> the role's bound expressions, at least a name and a vCon id
 */
abstract class ChildSpanHandler<B extends ChildSpanHandler.Target> extends RoleHandler<B> {

  /** The expressions every child role reads: the call's name and the vCon it works on. */
  static class Target {
    final BoundExpression name;
    final BoundExpression vconId;

    Target(RoleConfig config, MethodExpressions expressions) {
      name = expressions.bind(config.name());
      vconId = expressions.bind(config.vconId());
    }
  }

  final CallFrames frames = new CallFrames();
  private final AttributeKey<String> nameKey;
  private final BiFunction<MetricAttributes, String, String> spanName;

  /**
   * @param nameKey the span attribute that carries the call's name
   * @param spanName the span's name for a call's name (cached by {@link MetricAttributes})
   */
  ChildSpanHandler(
      TrackingContext context,
      InternalErrors errors,
      BiFunction<RoleConfig, MethodExpressions, B> binder,
      AttributeKey<String> nameKey,
      BiFunction<MetricAttributes, String, String> spanName) {
    super(context, errors, binder);
    this.nameKey = nameKey;
    this.spanName = spanName;
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
    SpanBuilder builder = generation.tracer().spanBuilder(spanName.apply(names, name));
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
    Span span = builder.startSpan();
    ChildCall call = new ChildCall(this, frames.push(self), run, name, span, generation);
    // Last, so nothing after it can fail and leave the shared context open.
    call.shared = context.sharing.share(typeOf(self), span.getSpanContext());
    return call;
  }

  /** The role's own span attributes, read on entry; none by default. */
  void describe(SpanBuilder span, B binding, Object self, Object[] args) {}

  /** The {@code outcome} of the call, on its span and its metrics. */
  abstract String outcome(Object result, Throwable thrown);

  /** The role's metrics (and any effect on its run) for a call that ended with that outcome. */
  abstract void record(ChildCall call, String outcome, Object result, Throwable thrown);
}
