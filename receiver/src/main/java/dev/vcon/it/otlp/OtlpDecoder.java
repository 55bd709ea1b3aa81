package dev.vcon.it.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Flattens OTLP export requests into records; stateless. */
public final class OtlpDecoder {
  private static final double ABSENT = Double.NaN;

  private OtlpDecoder() {}

  public static List<SpanRecord> spans(Arrival arrival, ExportTraceServiceRequest request) {
    List<SpanRecord> out = new ArrayList<>();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      Map<String, Object> resource = AnyValues.attributes(rs.getResource().getAttributesList());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        String scope = ss.getScope().getName();
        for (Span span : ss.getSpansList()) {
          out.add(span(span, resource, scope, arrival));
        }
      }
    }
    return out;
  }

  private static SpanRecord span(
      Span span, Map<String, Object> resource, String scope, Arrival arrival) {
    List<SpanEvent> events = new ArrayList<>();
    for (Span.Event e : span.getEventsList()) {
      events.add(
          new SpanEvent(
              e.getName(), e.getTimeUnixNano(), AnyValues.attributes(e.getAttributesList())));
    }
    List<SpanLink> links = new ArrayList<>();
    for (Span.Link l : span.getLinksList()) {
      links.add(
          new SpanLink(
              AnyValues.hex(l.getTraceId()),
              AnyValues.hex(l.getSpanId()),
              l.getTraceState(),
              l.getFlags(),
              AnyValues.attributes(l.getAttributesList())));
    }
    return new SpanRecord(
        AnyValues.hex(span.getTraceId()),
        AnyValues.hex(span.getSpanId()),
        AnyValues.hex(span.getParentSpanId()),
        span.getName(),
        stripPrefix(span.getKind().name(), "SPAN_KIND_"),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        AnyValues.attributes(span.getAttributesList()),
        statusCode(span.getStatus()),
        span.getStatus().getMessage(),
        List.copyOf(events),
        List.copyOf(links),
        resource,
        scope,
        arrival);
  }

  private static String statusCode(Status status) {
    return stripPrefix(status.getCode().name(), "STATUS_CODE_");
  }

  public static List<MetricPoint> points(Arrival arrival, ExportMetricsServiceRequest request) {
    List<MetricPoint> out = new ArrayList<>();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      Map<String, Object> resource = AnyValues.attributes(rm.getResource().getAttributesList());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        String scope = sm.getScope().getName();
        for (Metric metric : sm.getMetricsList()) {
          addPoints(out, metric, resource, scope, arrival);
        }
      }
    }
    return out;
  }

  private static void addPoints(
      List<MetricPoint> out,
      Metric m,
      Map<String, Object> resource,
      String scope,
      Arrival arrival) {
    switch (m.getDataCase()) {
      case GAUGE:
        for (NumberDataPoint p : m.getGauge().getDataPointsList()) {
          out.add(
              number(
                  m,
                  MetricPoint.Type.GAUGE,
                  MetricPoint.Temporality.NONE,
                  false,
                  p,
                  resource,
                  scope,
                  arrival));
        }
        break;
      case SUM:
        for (NumberDataPoint p : m.getSum().getDataPointsList()) {
          out.add(
              number(
                  m,
                  MetricPoint.Type.SUM,
                  temporality(m.getSum().getAggregationTemporality()),
                  m.getSum().getIsMonotonic(),
                  p,
                  resource,
                  scope,
                  arrival));
        }
        break;
      case HISTOGRAM:
        for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
          HistogramValue h =
              new HistogramValue(
                  p.getCount(),
                  p.hasSum() ? p.getSum() : ABSENT,
                  p.hasMin() ? p.getMin() : ABSENT,
                  p.hasMax() ? p.getMax() : ABSENT,
                  List.copyOf(p.getBucketCountsList()),
                  List.copyOf(p.getExplicitBoundsList()),
                  exemplars(p.getExemplarsList()));
          out.add(
              new MetricPoint(
                  m.getName(),
                  m.getUnit(),
                  MetricPoint.Type.HISTOGRAM,
                  temporality(m.getHistogram().getAggregationTemporality()),
                  false,
                  AnyValues.attributes(p.getAttributesList()),
                  null,
                  h,
                  p.getStartTimeUnixNano(),
                  p.getTimeUnixNano(),
                  resource,
                  scope,
                  arrival));
        }
        break;
      case EXPONENTIAL_HISTOGRAM:
        for (ExponentialHistogramDataPoint p : m.getExponentialHistogram().getDataPointsList()) {
          HistogramValue h =
              new HistogramValue(
                  p.getCount(),
                  p.hasSum() ? p.getSum() : ABSENT,
                  p.hasMin() ? p.getMin() : ABSENT,
                  p.hasMax() ? p.getMax() : ABSENT,
                  List.of(),
                  List.of(),
                  exemplars(p.getExemplarsList()));
          out.add(
              new MetricPoint(
                  m.getName(),
                  m.getUnit(),
                  MetricPoint.Type.EXPONENTIAL_HISTOGRAM,
                  temporality(m.getExponentialHistogram().getAggregationTemporality()),
                  false,
                  AnyValues.attributes(p.getAttributesList()),
                  null,
                  h,
                  p.getStartTimeUnixNano(),
                  p.getTimeUnixNano(),
                  resource,
                  scope,
                  arrival));
        }
        break;
      case SUMMARY:
        for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
          HistogramValue h =
              new HistogramValue(p.getCount(), p.getSum(), ABSENT, ABSENT, List.of(), List.of());
          out.add(
              new MetricPoint(
                  m.getName(),
                  m.getUnit(),
                  MetricPoint.Type.SUMMARY,
                  MetricPoint.Temporality.CUMULATIVE,
                  false,
                  AnyValues.attributes(p.getAttributesList()),
                  null,
                  h,
                  p.getStartTimeUnixNano(),
                  p.getTimeUnixNano(),
                  resource,
                  scope,
                  arrival));
        }
        break;
      default:
        // A metric without data carries no points.
        break;
    }
  }

  private static MetricPoint number(
      Metric m,
      MetricPoint.Type type,
      MetricPoint.Temporality temporality,
      boolean monotonic,
      NumberDataPoint p,
      Map<String, Object> resource,
      String scope,
      Arrival arrival) {
    Number value =
        p.getValueCase() == NumberDataPoint.ValueCase.AS_INT
            ? (Number) p.getAsInt()
            : (Number) p.getAsDouble();
    return new MetricPoint(
        m.getName(),
        m.getUnit(),
        type,
        temporality,
        monotonic,
        AnyValues.attributes(p.getAttributesList()),
        value,
        null,
        p.getStartTimeUnixNano(),
        p.getTimeUnixNano(),
        resource,
        scope,
        arrival);
  }

  private static List<Exemplar> exemplars(List<io.opentelemetry.proto.metrics.v1.Exemplar> sent) {
    List<Exemplar> out = new ArrayList<>(sent.size());
    for (io.opentelemetry.proto.metrics.v1.Exemplar e : sent) {
      double value =
          e.getValueCase() == io.opentelemetry.proto.metrics.v1.Exemplar.ValueCase.AS_INT
              ? e.getAsInt()
              : e.getAsDouble();
      out.add(
          new Exemplar(
              AnyValues.hex(e.getTraceId()),
              AnyValues.hex(e.getSpanId()),
              value,
              e.getTimeUnixNano(),
              AnyValues.attributes(e.getFilteredAttributesList())));
    }
    return List.copyOf(out);
  }

  private static MetricPoint.Temporality temporality(AggregationTemporality t) {
    switch (t) {
      case AGGREGATION_TEMPORALITY_CUMULATIVE:
        return MetricPoint.Temporality.CUMULATIVE;
      case AGGREGATION_TEMPORALITY_DELTA:
        return MetricPoint.Temporality.DELTA;
      default:
        return MetricPoint.Temporality.NONE;
    }
  }

  public static List<LogEntry> logs(Arrival arrival, ExportLogsServiceRequest request) {
    List<LogEntry> out = new ArrayList<>();
    for (ResourceLogs rl : request.getResourceLogsList()) {
      Map<String, Object> resource = AnyValues.attributes(rl.getResource().getAttributesList());
      for (ScopeLogs sl : rl.getScopeLogsList()) {
        String scope = sl.getScope().getName();
        for (LogRecord r : sl.getLogRecordsList()) {
          out.add(
              new LogEntry(
                  r.getTimeUnixNano(),
                  r.getSeverityText(),
                  r.getSeverityNumberValue(),
                  AnyValues.toJava(r.getBody()),
                  AnyValues.attributes(r.getAttributesList()),
                  AnyValues.hex(r.getTraceId()),
                  AnyValues.hex(r.getSpanId()),
                  resource,
                  scope,
                  arrival));
        }
      }
    }
    return out;
  }

  /** Resource attribute maps of a request, one per resource entry. */
  public static List<Map<String, Object>> resources(ReceivedRequest received) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (received.request() instanceof ExportTraceServiceRequest t) {
      t.getResourceSpansList()
          .forEach(r -> out.add(AnyValues.attributes(r.getResource().getAttributesList())));
    } else if (received.request() instanceof ExportMetricsServiceRequest m) {
      m.getResourceMetricsList()
          .forEach(r -> out.add(AnyValues.attributes(r.getResource().getAttributesList())));
    } else if (received.request() instanceof ExportLogsServiceRequest l) {
      l.getResourceLogsList()
          .forEach(r -> out.add(AnyValues.attributes(r.getResource().getAttributesList())));
    }
    return out;
  }

  private static String stripPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }
}
