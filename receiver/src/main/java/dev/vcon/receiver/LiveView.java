package dev.vcon.receiver;

import dev.vcon.it.otlp.OtlpDecoder;
import dev.vcon.it.otlp.ReceivedRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.function.Consumer;

/** Feeds every received request into the metrics and trace views the table and page read. */
final class LiveView implements Consumer<ReceivedRequest> {
  private final MetricsView metrics = new MetricsView();
  private final TraceView traces = new TraceView();

  @Override
  public void accept(ReceivedRequest r) {
    if (r.request() instanceof ExportMetricsServiceRequest m) {
      metrics.accept(OtlpDecoder.points(r.arrival(), m));
    } else if (r.request() instanceof ExportTraceServiceRequest t) {
      traces.accept(OtlpDecoder.spans(r.arrival(), t));
    }
  }

  MetricsView metrics() {
    return metrics;
  }

  TraceView traces() {
    return traces;
  }

  /** The machine-readable last line of a run. */
  String summaryLine() {
    Row total = metrics.totalRow();
    return "summary: instances="
        + metrics.instances().size()
        + " processed="
        + total.processed()
        + " failed="
        + total.failed()
        + " traces="
        + traces.roots()
        + " roots_with_links="
        + traces.rootsWithLinks()
        + " orphans="
        + traces.orphans()
        + " inflight_peak_sum="
        + metrics.inflightPeakSum();
  }
}
