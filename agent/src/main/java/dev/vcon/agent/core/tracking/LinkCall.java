package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import io.opentelemetry.api.trace.Span;

/** One link call: its child span, its outcome and its timing. */
final class LinkCall implements ExitHandle {

  private final CallFrames frames;
  private final CallFrames.Frame frame;
  private final ChainRun run;
  private final String linkName;
  private final String chainName;
  private final Span span;
  private final ConserverMetrics metrics;
  private final MetricAttributes attributes;
  private final long startNanos = System.nanoTime();

  LinkCall(
      CallFrames frames,
      CallFrames.Frame frame,
      ChainRun run,
      String linkName,
      String chainName,
      Span span,
      ConserverMetrics metrics,
      MetricAttributes attributes) {
    this.frames = frames;
    this.frame = frame;
    this.run = run;
    this.linkName = linkName;
    this.chainName = chainName;
    this.span = span;
    this.metrics = metrics;
    this.attributes = attributes;
  }

  @Override
  public void exit(Object result, Throwable thrown) {
    try {
      frames.pop(frame);
      String outcome = Outcomes.ofLink(result, thrown);
      if (thrown != null) {
        Errors.recordFailure(span, thrown);
      } else {
        metrics
            .linkExecutionTime()
            .record(
                (System.nanoTime() - startNanos) / 1e9, attributes.linkTime(linkName, chainName));
        if (run != null && result instanceof String) {
          run.addAlias((String) result);
        }
      }
      span.setAttribute(SpanKeys.OUTCOME, outcome);
      metrics.linkCount().add(1, attributes.linkCount(linkName, outcome));
    } finally {
      span.end();
    }
  }
}
