package dev.vcon.receiver;

import dev.vcon.it.otlp.SpanRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most recent traces, span by span, and counters over everything received. Bounded: at most
 * {@value #MAX_TRACES} traces of at most {@value #MAX_SPANS_PER_TRACE} spans; a trace pushed out of
 * the window without its root counts its spans as orphans then.
 */
final class TraceView {
  private static final int MAX_TRACES = 5_000;
  private static final int MAX_SPANS_PER_TRACE = 200;

  /** The spans of one trace received so far, in arrival order. */
  static final class Trace {
    private final String traceId;
    private final List<SpanRecord> spans = new ArrayList<>();
    private SpanRecord root;

    private Trace(String traceId) {
      this.traceId = traceId;
    }

    String traceId() {
      return traceId;
    }

    SpanRecord root() {
      return root;
    }

    List<SpanRecord> spans() {
      return List.copyOf(spans);
    }
  }

  private final LinkedHashMap<String, Trace> traces = new LinkedHashMap<>();
  private long spans;
  private long roots;
  private long rootsWithLinks;
  private long errorSpans;
  private long evictedOrphans;

  /** Takes the spans of one export request. */
  synchronized void accept(List<SpanRecord> received) {
    for (SpanRecord s : received) {
      spans++;
      if ("ERROR".equals(s.statusCode())) {
        errorSpans++;
      }
      Trace trace = traces.get(s.traceId());
      if (trace == null) {
        trace = new Trace(s.traceId());
        traces.put(s.traceId(), trace);
        evictOldest();
      }
      if (s.isRoot()) {
        roots++;
        if (!s.links().isEmpty()) {
          rootsWithLinks++;
        }
        trace.root = s;
      }
      if (trace.spans.size() < MAX_SPANS_PER_TRACE) {
        trace.spans.add(s);
      }
    }
  }

  private void evictOldest() {
    Iterator<Trace> it = traces.values().iterator();
    while (traces.size() > MAX_TRACES && it.hasNext()) {
      Trace oldest = it.next();
      if (oldest.root == null) {
        evictedOrphans += oldest.spans.size();
      }
      it.remove();
    }
  }

  synchronized long spans() {
    return spans;
  }

  /** Root spans received: one per chain run. */
  synchronized long roots() {
    return roots;
  }

  synchronized long rootsWithLinks() {
    return rootsWithLinks;
  }

  synchronized long errorSpans() {
    return errorSpans;
  }

  /** Spans with a parent whose trace's root never arrived. */
  synchronized long orphans() {
    long orphans = evictedOrphans;
    for (Trace t : traces.values()) {
      if (t.root == null) {
        orphans += t.spans.size();
      }
    }
    return orphans;
  }

  /** The newest traces that have their root, newest first. */
  synchronized List<Trace> latestComplete(int max) {
    List<Trace> all = new ArrayList<>(traces.values());
    List<Trace> out = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
      if (all.get(i).root != null) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  /**
   * A trace to show as the example: the newest with a link to its producer and the most spans, else
   * the newest with a root. Null when no root arrived.
   */
  synchronized Trace example() {
    Trace best = null;
    for (Trace t : latestComplete(200)) {
      if (best == null || score(t) > score(best)) {
        best = t;
      }
    }
    return best;
  }

  private static int score(Trace t) {
    boolean failed = "ERROR".equals(t.root.statusCode());
    return (t.root.links().isEmpty() ? 0 : 1000) + (failed ? 0 : 500) + t.spans.size();
  }

  /** Children of each span id in a trace, start-time order. */
  static Map<String, List<SpanRecord>> children(List<SpanRecord> spans) {
    Map<String, List<SpanRecord>> out = new LinkedHashMap<>();
    spans.stream()
        .sorted(java.util.Comparator.comparingLong(SpanRecord::startEpochNanos))
        .forEach(s -> out.computeIfAbsent(s.parentSpanId(), p -> new ArrayList<>()).add(s));
    return out;
  }
}
