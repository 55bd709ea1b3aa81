package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.ConserverMetrics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * One chain run of one vCon: the root span, the in-flight +1 it owes a -1, and what its links and
 * storages need to nest under it. It is its own exit handle, so the -1 always goes to the
 * instruments (the pipeline generation) that took the +1.
 */
final class ChainRun extends RecordedCall {

  final Object self;
  final String vconId;
  final String chainName;
  final Context context;
  final ChainRun previousOnThread;

  /** A second vCon id a link returned to continue with; set once, by {@link ActiveRuns}. */
  volatile String alias;

  private final Span span;
  private final ActiveRuns runs;
  private final ConserverMetrics metrics;
  private final Attributes attributes;
  private final long startNanos = System.nanoTime();

  ChainRun(
      InternalErrors errors,
      ActiveRuns runs,
      Object self,
      String vconId,
      String chainName,
      Span span,
      ConserverMetrics metrics,
      Attributes attributes,
      ChainRun previousOnThread) {
    super(errors);
    this.runs = runs;
    this.self = self;
    this.vconId = vconId;
    this.chainName = chainName;
    this.span = span;
    this.context = Context.root().with(span);
    this.metrics = metrics;
    this.attributes = attributes;
    this.previousOnThread = previousOnThread;
  }

  /**
   * Whether a call for that vCon id belongs to this run: its own id, one a link returned, or any id
   * when the run's own could not be read (the thread is then the only clue).
   */
  boolean isFor(String otherVconId) {
    return vconId == null || otherVconId.equals(vconId) || otherVconId.equals(alias);
  }

  @Override
  void finish(Object result, Throwable thrown) {
    try {
      runs.ended(this);
      if (thrown == null) {
        metrics.processingTime().record((System.nanoTime() - startNanos) / 1e9, attributes);
        metrics.processed().add(1, attributes);
      } else {
        Errors.recordFailure(span, thrown);
        metrics.failed().add(1, attributes);
      }
    } finally {
      metrics.inflight().add(-1, attributes);
      span.end();
    }
  }
}
