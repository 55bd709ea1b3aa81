package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.upstream.UpstreamContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * The chain role: each run of a vCon through a chain is a new root span (linked to the upstream
 * context the host carried in, and to the span other instrumentation had current, if any) and the
 * conserver's processing metrics. While the run is open its root is shared with that
 * instrumentation, so its spans on this thread join the vCon's trace.
 */
final class ChainHandler extends RoleHandler<ChainHandler.Binding> {

  static final class Binding {
    final BoundExpression name;
    final BoundExpression vconId;
    final BoundExpression upstreamContext;

    Binding(RoleConfig config, MethodExpressions expressions) {
      name = expressions.bind(config.name());
      vconId = expressions.bind(config.vconId());
      upstreamContext = expressions.bind(config.context());
    }
  }

  ChainHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new);
  }

  @Override
  ExitHandle enter(Binding binding, Object self, Object[] args) {
    ActiveRuns runs = context.runs;
    ChainRun outer = runs.onThisThread();
    Telemetry generation = context.telemetry.current();
    if (generation == null) {
      return null;
    }
    String vconId = string(binding.vconId, self, args);
    if (outer != null && continues(outer, self, vconId)) {
      return null;
    }
    String chainName = nameOrUnknown(binding.name, self, args);
    MetricAttributes names = context.attributes();
    SpanBuilder builder =
        generation.tracer().spanBuilder(names.chainSpanName(chainName)).setNoParent();
    if (vconId != null) {
      builder.setAttribute(SpanKeys.VCON_ID, vconId).setAttribute(SpanKeys.VCON_UUID, vconId);
    }
    builder.setAttribute(SpanKeys.CHAIN_NAME, chainName);
    UpstreamContext upstream =
        binding.upstreamContext == null
            ? null
            : UpstreamContext.parse(binding.upstreamContext.evaluate(self, args));
    if (upstream != null) {
      builder.addLink(
          SpanContext.createFromRemoteParent(
              upstream.traceId(),
              upstream.spanId(),
              TraceFlags.fromByte(upstream.traceFlags()),
              TraceState.getDefault()));
    }
    // What other instrumentation had current (an HTTP server span, say) caused this run but is
    // not its parent: the root stays a root, and links to it.
    SpanContext ambient = context.sharing.ambient(typeOf(self));
    if (ambient != null) {
      builder.addLink(ambient);
    }
    ConserverMetrics metrics = generation.metrics();
    Attributes chainAttributes = names.chain(chainName);
    ChainRun run =
        new ChainRun(
            errors,
            runs,
            self,
            vconId,
            chainName,
            builder.startSpan(),
            metrics,
            chainAttributes,
            outer);
    // Registered before the +1, so a run cut short here (a StackOverflowError leaves no stack for
    // the rest of this method) is still found and ended; it gives back only a +1 it took.
    runs.started(run);
    metrics.inflight().add(1, chainAttributes);
    run.countedInFlight = true;
    // Last, so nothing after it can fail and leave the shared context open.
    run.shared = context.sharing.share(typeOf(self), run.rootContext());
    return run;
  }

  /**
   * Whether a chain call nested in {@code outer} on the same thread is part of that run: an
   * overload delegating to another, or an override calling {@code super}, for the same vCon (on the
   * same receiver, or through another one). A call for another vCon is a run of its own, even on
   * the same receiver (a chain that recurses for the vCons it spawns); without a vCon id, the
   * receiver is the only clue.
   */
  static boolean continues(ChainRun outer, Object self, String vconId) {
    boolean sameReceiver = self != null && outer.self == self;
    if (vconId == null) {
      return sameReceiver;
    }
    return sameReceiver ? outer.isFor(vconId) : vconId.equals(outer.vconId);
  }
}
