package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * One chain run of one vCon: the root span, the in-flight +1 it owes a -1, and what its links and
 * storages need to nest under it. It is its own exit handle, so the -1 always goes to the
 * instruments that took the +1.
 */
final class ChainRun implements ExitHandle {

  final Object self;
  final String vconId;
  final String chainName;
  final Span span;
  final Context context;
  private final ConserverMetrics metrics;
  private final Attributes attributes;
  private final long startNanos;
  private final ChainRun previousOnThread;
  private final ChainRunTracker tracker;
  private volatile String alias;

  ChainRun(
      ChainRunTracker tracker,
      Object self,
      String vconId,
      String chainName,
      Span span,
      ConserverMetrics metrics,
      Attributes attributes,
      ChainRun previousOnThread) {
    this.tracker = tracker;
    this.self = self;
    this.vconId = vconId;
    this.chainName = chainName;
    this.span = span;
    this.context = Context.root().with(span);
    this.metrics = metrics;
    this.attributes = attributes;
    this.previousOnThread = previousOnThread;
    this.startNanos = System.nanoTime();
  }

  /**
   * Whether a call for that vCon id belongs to this run: its own id, one a link returned, or any id
   * when the run's own could not be read (the thread is then the only clue).
   */
  boolean isFor(String otherVconId) {
    return vconId == null || otherVconId.equals(vconId) || otherVconId.equals(alias);
  }

  /** A link returned a new uuid to continue with: later calls under that uuid belong here too. */
  void addAlias(String newVconId) {
    if (alias == null && newVconId != null && !newVconId.equals(vconId)) {
      alias = newVconId;
      tracker.activeRuns().alias(newVconId, this);
    }
  }

  @Override
  public void exit(Object result, Throwable thrown) {
    try {
      tracker.runEnded(this, previousOnThread, alias);
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
