package dev.vcon.receiver;

import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The live view as the plain maps and lists the page's JSON endpoints serve. */
final class PageModel {
  private static final int TRACES_ON_PAGE = 25;

  private final LiveView view;
  private final Map<String, Object> endpoints;

  PageModel(LiveView view, Map<String, Object> endpoints) {
    this.view = view;
    this.endpoints = endpoints;
  }

  Object state() {
    MetricsView m = view.metrics();
    TraceView t = view.traces();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("endpoints", endpoints);
    List<Object> rows = new ArrayList<>();
    m.instanceRows().forEach(r -> rows.add(row(r)));
    out.put("instances", rows);
    out.put("total", row(m.totalRow()));
    out.put("collapsed", row(m.collapsedRow()));
    out.put("inflightPeakSum", m.inflightPeakSum());
    out.put("inflightPeakCollapsed", m.inflightPeakCollapsed());
    out.put("traces", t.roots());
    out.put("rootsWithLinks", t.rootsWithLinks());
    out.put("spans", t.spans());
    out.put("errorSpans", t.errorSpans());
    out.put("orphans", t.orphans());
    out.put("summary", view.summaryLine());
    return out;
  }

  private static Map<String, Object> row(Row r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("label", r.label());
    out.put("inflight", r.inflight());
    out.put("processed", r.processed());
    out.put("failed", r.failed());
    out.put("p50ms", millis(r.p50Seconds()));
    out.put("p99ms", millis(r.p99Seconds()));
    return out;
  }

  /** Columns for uPlot: one x array (unix seconds) and one array per line, null where unknown. */
  Object series() {
    List<Sample> samples = view.metrics().samples();
    List<String> instances = view.metrics().instances();
    List<Double> t = new ArrayList<>();
    Map<String, List<Long>> perInstance = new LinkedHashMap<>();
    instances.forEach(i -> perInstance.put(i, new ArrayList<>()));
    List<Long> sum = new ArrayList<>();
    List<Long> collapsed = new ArrayList<>();
    Map<String, Map<String, List<Double>>> chains = new TreeMap<>();
    for (Sample s : samples) {
      t.add(s.epochMillis() / 1000.0);
      perInstance.forEach((i, values) -> values.add(s.inflightByInstance().get(i)));
      sum.add(s.sum());
      collapsed.add(s.collapsed());
      s.percentilesByChain()
          .forEach(
              (chain, p) -> {
                Map<String, List<Double>> lines =
                    chains.computeIfAbsent(chain, c -> newPercentileLines(t.size() - 1));
                lines.get("p50").add(millis(p[0]));
                lines.get("p99").add(millis(p[1]));
              });
      chains.values().forEach(lines -> padTo(lines, t.size()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("t", t);
    out.put("instances", perInstance);
    out.put("sum", sum);
    out.put("collapsed", collapsed);
    out.put("chains", chains);
    return out;
  }

  private static Map<String, List<Double>> newPercentileLines(int leadingNulls) {
    Map<String, List<Double>> lines = new LinkedHashMap<>();
    lines.put("p50", new ArrayList<>());
    lines.put("p99", new ArrayList<>());
    padTo(lines, leadingNulls);
    return lines;
  }

  private static void padTo(Map<String, List<Double>> lines, int size) {
    lines
        .values()
        .forEach(
            l -> {
              while (l.size() < size) {
                l.add(null);
              }
            });
  }

  /** The newest traces as trees, newest first. */
  Object traces() {
    List<Object> out = new ArrayList<>();
    for (TraceView.Trace trace : view.traces().latestComplete(TRACES_ON_PAGE)) {
      Map<String, List<SpanRecord>> children = TraceView.children(trace.spans());
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("traceId", trace.traceId());
      t.put("root", node(trace.root(), children));
      out.add(t);
    }
    return out;
  }

  private static Map<String, Object> node(SpanRecord s, Map<String, List<SpanRecord>> children) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.name());
    out.put("ms", Math.round(TerminalTable.durationMillis(s) * 10) / 10.0);
    out.put("error", "ERROR".equals(s.statusCode()));
    out.put("statusMessage", s.statusMessage());
    out.put("instance", s.serviceInstanceId());
    Map<String, String> attributes = new TreeMap<>();
    s.attributes().forEach((k, v) -> attributes.put(k, String.valueOf(v)));
    out.put("attributes", attributes);
    List<Object> links = new ArrayList<>();
    for (SpanLink l : s.links()) {
      links.add(Map.of("traceId", l.traceId(), "spanId", l.spanId()));
    }
    out.put("links", links);
    List<Object> kids = new ArrayList<>();
    for (SpanRecord c : children.getOrDefault(s.spanId(), List.of())) {
      kids.add(node(c, children));
    }
    out.put("children", kids);
    return out;
  }

  private static Double millis(double seconds) {
    return Double.isNaN(seconds) ? null : Math.round(seconds * 10_000) / 10.0;
  }
}
