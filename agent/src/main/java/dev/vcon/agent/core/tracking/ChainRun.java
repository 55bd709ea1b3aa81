package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.share.SharedScope;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One chain run of one vCon: the root span, the in-flight +1 it owes a -1, and what its links and
 * storages need to nest under it. It is its own exit handle, so the -1 always goes to the
 * instruments (the pipeline generation) that took the +1.
 *
 * <p>A run ends exactly once: through its exit handle, or, when that exit can never come (its
 * thread overflowed the stack in the exit advice, is dead, or is stopped by the JVM's exit), by
 * {@link #abandon}, so the in-flight gauge always returns to zero.
 */
final class ChainRun extends RecordedCall {

  final Object self;
  final String vconId;
  final String chainName;
  final Context context;
  final ChainRun previousOnThread;

  /** The root made current for other instrumentation; entry and exit run on one thread. */
  SharedScope shared;

  /** Weakly: a run left open must not keep its dead thread (and the thread's locals) alive. */
  final WeakReference<Thread> thread = new WeakReference<>(Thread.currentThread());

  /** Reason recorded on a run that ended without its exit. */
  static final String ABANDONED =
      "vcon-otel-agent: the run did not return (stack overflow or exit)";

  /** A second vCon id a link returned to continue with; set once, by {@link ActiveRuns}. */
  volatile String alias;

  private final Span span;
  private final ActiveRuns runs;
  private final ConserverMetrics metrics;
  private final Attributes attributes;
  private final long startNanos = System.nanoTime();

  /** 1 once ended; a field and its updater rather than an AtomicBoolean: one object less a run. */
  private volatile int ended;

  private static final AtomicIntegerFieldUpdater<ChainRun> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ChainRun.class, "ended");

  /** Set once the in-flight +1 is taken: only then does ending the run give a -1 back. */
  volatile boolean countedInFlight;

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

  /** The root span's context: what egress hands on and what the run shares. */
  SpanContext rootContext() {
    return span.getSpanContext();
  }

  /** Whether this run's thread can still end it (see {@link RunThreads}). */
  boolean canStillEnd() {
    return RunThreads.canStillEnd(thread.get());
  }

  boolean hasEnded() {
    return ended != 0;
  }

  @Override
  void finish(Object result, Throwable thrown) {
    if (shared != null) {
      shared.close(); // first: it was opened last; never throws
    }
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return; // abandoned already
    }
    try {
      giveBackInFlight();
    } catch (Throwable t) {
      ended = 0; // the -1 did not happen: abandoning the run later will give it back
      throw t;
    }
    try {
      runs.ended(this);
      if (thrown == null) {
        // With the root span in the context the value is recorded with, the SDK's trace-based
        // exemplar filter keeps its trace and span id: a slow bucket leads to its trace. Passed
        // explicitly rather than made current, so nothing is put on the host's thread.
        metrics
            .processingTime()
            .record((System.nanoTime() - startNanos) / 1e9, attributes, context);
        metrics.processed().add(1, attributes);
      } else {
        Errors.recordFailure(span, thrown);
        metrics.failed().add(1, attributes);
      }
    } finally {
      span.end();
    }
  }

  private void giveBackInFlight() {
    if (countedInFlight) {
      metrics.inflight().add(-1, attributes);
    }
  }

  /**
   * Ends a run whose exit will never come: its span ends as an error, its in-flight +1 is given
   * back; it counts as neither processed nor failed (the host's outcome is unknown).
   */
  void abandon() {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    try {
      runs.forget(this);
      span.setStatus(StatusCode.ERROR, ABANDONED);
    } finally {
      giveBackInFlight();
      span.end();
    }
  }
}
