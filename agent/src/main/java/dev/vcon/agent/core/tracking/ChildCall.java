package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.share.SharedScope;
import io.opentelemetry.api.trace.Span;

/**
 * One link or storage call in progress: its child span and timing, recorded on the pipeline
 * generation it began in. Its role decides the outcome and the metrics.
 */
final class ChildCall extends RecordedCall {

  final ChainRun run;
  final String name;
  final ConserverMetrics metrics;
  private final ChildSpanHandler<?> role;
  private final CallFrames.Frame frame;
  private final Span span;
  private final long startNanos = System.nanoTime();

  /** This call's span made current for other instrumentation; entry and exit run on one thread. */
  SharedScope shared;

  ChildCall(
      ChildSpanHandler<?> role,
      CallFrames.Frame frame,
      ChainRun run,
      String name,
      Span span,
      Telemetry generation) {
    super(role.errors);
    this.role = role;
    this.frame = frame;
    this.run = run;
    this.name = name;
    this.span = span;
    this.metrics = generation.metrics();
  }

  /** The span names and metric attribute sets, shared by every call. */
  MetricAttributes names() {
    return role.context.attributes();
  }

  /**
   * This call's span, to record its duration with: the SDK's trace-based exemplar filter then keeps
   * the span's trace and span id.
   */
  Span span() {
    return span;
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  @Override
  void finish(Object result, Throwable thrown) {
    if (shared != null) {
      shared.close(); // first: it was opened last; never throws
    }
    try {
      role.frames.pop(frame);
      String outcome = role.outcome(result, thrown);
      if (thrown != null) {
        Errors.recordFailure(span, thrown);
      }
      span.setAttribute(SpanKeys.OUTCOME, outcome);
      role.record(this, outcome, result, thrown);
    } finally {
      span.end();
    }
  }
}
