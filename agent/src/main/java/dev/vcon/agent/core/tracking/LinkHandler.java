package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.expr.ValueText;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * The link role: a child span per link call, its outcome in conserver's terms (a falsy return halts
 * the chain), its execution time and count. A link that returns another vCon uuid makes the run
 * answer to that uuid too.
 */
final class LinkHandler extends ChildSpanHandler<LinkHandler.Binding> {

  static final class Binding extends ChildSpanHandler.Target {
    final BoundExpression index;

    Binding(RoleConfig config, MethodExpressions expressions) {
      super(config, expressions);
      index = expressions.bind(config.index());
    }
  }

  LinkHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Binding::new, SpanKeys.LINK_NAME, MetricAttributes::linkSpanName);
  }

  @Override
  void describe(SpanBuilder span, Binding binding, Object self, Object[] args) {
    if (binding.index == null) {
      return;
    }
    Object index = binding.index.evaluate(self, args);
    if (index instanceof Number) {
      span.setAttribute(SpanKeys.LINK_INDEX, ((Number) index).longValue());
    } else {
      String text = ValueText.of(index, context.valueLimit);
      if (text != null) {
        span.setAttribute(SpanKeys.LINK_INDEX_TEXT, text);
      }
    }
  }

  @Override
  String outcome(Object result, Throwable thrown) {
    return Outcomes.ofLink(result, thrown);
  }

  @Override
  void record(ChildCall call, String outcome, Object result, Throwable thrown) {
    if (thrown == null) {
      String chainName = call.run == null ? UNKNOWN : call.run.chainName;
      call.metrics
          .linkExecutionTime()
          .record(
              call.elapsedNanos() / 1e9, call.names().linkTime(call.name, chainName), call.span());
      if (call.run != null && result instanceof String) {
        context.runs.alias(call.run, ValueText.limit((String) result, context.valueLimit));
      }
    }
    call.metrics.linkCount().add(1, call.names().linkCount(call.name, outcome));
  }
}
