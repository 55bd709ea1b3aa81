package dev.vcon.receiver;

import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the live view as plain text: the table, the closing summary, an example trace. */
final class TerminalTable {
  private static final String ROW = "%-34s %9s %10s %7s %9s %9s%n";

  private TerminalTable() {}

  static String table(LiveView view) {
    MetricsView m = view.metrics();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "service.instance.id",
            "in-flight",
            "processed",
            "failed",
            "p50 ms",
            "p99 ms"));
    List<Row> rows = m.instanceRows();
    if (rows.isEmpty()) {
      out.append("(no conserver metrics yet: waiting for the first export of a worker)\n");
    }
    for (Row r : rows) {
      out.append(row(r));
    }
    out.append(row(m.totalRow()));
    out.append(row(m.collapsedRow()));
    out.append(
        String.format(
            Locale.ROOT,
            "  ^ one series, last write wins: what a backend shows when all workers share one"
                + " identity (in-flight peak %d, true peak %d)%n",
            m.inflightPeakCollapsed(),
            m.inflightPeakSum()));
    TraceView t = view.traces();
    out.append(
        String.format(
            Locale.ROOT,
            "traces %d (with a link to the producer %d), spans %d, error spans %d%n",
            t.roots(),
            t.rootsWithLinks(),
            t.spans(),
            t.errorSpans()));
    return out.toString();
  }

  private static String row(Row r) {
    return String.format(
        Locale.ROOT,
        ROW,
        r.label(),
        r.inflight(),
        r.processed(),
        r.failed(),
        millis(r.p50Seconds()),
        millis(r.p99Seconds()));
  }

  private static String millis(double seconds) {
    return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.0f", seconds * 1000);
  }

  /** The closing block; its last line is {@link LiveView#summaryLine()}. */
  static String summary(LiveView view) {
    MetricsView m = view.metrics();
    TraceView t = view.traces();
    Row total = m.totalRow();
    StringBuilder out = new StringBuilder();
    out.append("\n").append(table(view)).append("\n");
    out.append(
        String.format(
            Locale.ROOT,
            "vCons processed %d, failed %d, by %d instances; traces received %d, roots with links"
                + " %d, error spans %d, orphan spans %d%n",
            total.processed(),
            total.failed(),
            m.instances().size(),
            t.roots(),
            t.rootsWithLinks(),
            t.errorSpans(),
            t.orphans()));
    TraceView.Trace example = t.example();
    if (example != null) {
      out.append("\nexample trace ").append(example.traceId()).append(":\n");
      out.append(tree(example));
    }
    out.append("\n").append(view.summaryLine()).append("\n");
    return out.toString();
  }

  /** A trace as an indented tree with durations, links and errors. */
  static String tree(TraceView.Trace trace) {
    StringBuilder out = new StringBuilder();
    Map<String, List<SpanRecord>> children = TraceView.children(trace.spans());
    node(out, trace.root(), children, 1);
    return out.toString();
  }

  private static void node(
      StringBuilder out, SpanRecord s, Map<String, List<SpanRecord>> children, int depth) {
    out.append("  ".repeat(depth))
        .append(s.name())
        .append(String.format(Locale.ROOT, "  %.1f ms", durationMillis(s)));
    if ("ERROR".equals(s.statusCode())) {
      out.append("  ERROR ").append(s.statusMessage());
    }
    Object vcon = s.attributes().get("vcon_id");
    if (s.isRoot() && vcon != null) {
      out.append("  vcon_id=").append(vcon);
    }
    out.append('\n');
    for (SpanLink link : s.links()) {
      out.append("  ".repeat(depth + 1))
          .append("-> link to producer trace ")
          .append(link.traceId())
          .append(" span ")
          .append(link.spanId())
          .append('\n');
    }
    for (SpanRecord child : children.getOrDefault(s.spanId(), List.of())) {
      node(out, child, children, depth + 1);
    }
  }

  static double durationMillis(SpanRecord s) {
    return (s.endEpochNanos() - s.startEpochNanos()) / 1e6;
  }
}
