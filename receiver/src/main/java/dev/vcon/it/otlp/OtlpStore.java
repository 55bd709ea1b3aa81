package dev.vcon.it.otlp;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything the receiver got, decoded once on arrival and queryable from any thread. Both protocol
 * servers write here; queries return immutable snapshots so a test can assert on them while exports
 * keep arriving.
 */
public final class OtlpStore {
  public static final String SERVICE_INSTANCE_ID = "service.instance.id";

  private final Object lock = new Object();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<SpanRecord> spans = new ArrayList<>();
  private final List<MetricPoint> points = new ArrayList<>();
  private final List<LogEntry> logs = new ArrayList<>();
  private final Set<Map<String, Object>> resources = new LinkedHashSet<>();
  private final List<Consumer<ReceivedRequest>> listeners = new CopyOnWriteArrayList<>();
  private final boolean retaining;
  private long sequence;

  /** A store that keeps everything it receives, for tests to query. */
  public OtlpStore() {
    this(true);
  }

  /**
   * @param retaining false: keep nothing, only hand each request to the listeners (a long-running
   *     receiver whose listeners keep bounded summaries must not grow with every export)
   */
  public OtlpStore(boolean retaining) {
    this.retaining = retaining;
  }

  /**
   * Records one decoded export request and wakes up waiters. Called by the protocol servers.
   *
   * @return the arrival assigned to it
   */
  public Arrival accept(
      Protocol protocol, Signal signal, String contentEncoding, String userAgent, Message request) {
    Objects.requireNonNull(request, "request");
    ReceivedRequest received;
    synchronized (lock) {
      Arrival arrival =
          new Arrival(
              ++sequence,
              Instant.now(),
              protocol,
              signal,
              contentEncoding == null || contentEncoding.isEmpty() ? "identity" : contentEncoding,
              userAgent == null ? "" : userAgent);
      received = new ReceivedRequest(arrival, request);
      if (retaining) {
        retain(received);
      }
      lock.notifyAll();
    }
    // Outside the lock: a slow listener (e.g. the live view) must not block queries.
    for (Consumer<ReceivedRequest> listener : listeners) {
      listener.accept(received);
    }
    return received.arrival();
  }

  /** Called holding {@code lock}. */
  private void retain(ReceivedRequest received) {
    Arrival arrival = received.arrival();
    Message request = received.request();
    requests.add(received);
    resources.addAll(OtlpDecoder.resources(received));
    if (request instanceof ExportTraceServiceRequest t) {
      spans.addAll(OtlpDecoder.spans(arrival, t));
    } else if (request instanceof ExportMetricsServiceRequest m) {
      points.addAll(OtlpDecoder.points(arrival, m));
    } else if (request instanceof ExportLogsServiceRequest l) {
      logs.addAll(OtlpDecoder.logs(arrival, l));
    }
  }

  /** Called after each request is recorded, on the server thread that received it. */
  public void addListener(Consumer<ReceivedRequest> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Forgets everything received so far (sequence numbers keep counting). */
  public void clear() {
    synchronized (lock) {
      requests.clear();
      spans.clear();
      points.clear();
      logs.clear();
      resources.clear();
    }
  }

  // ---- raw requests ----

  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  public List<Arrival> arrivals() {
    synchronized (lock) {
      return requests.stream()
          .map(ReceivedRequest::arrival)
          .collect(Collectors.toUnmodifiableList());
    }
  }

  public List<Arrival> arrivals(Signal signal) {
    return arrivals().stream()
        .filter(a -> a.signal() == signal)
        .collect(Collectors.toUnmodifiableList());
  }

  // ---- resources ----

  /** Distinct resource attribute sets seen in any signal, in first-seen order. */
  public List<Map<String, Object>> resources() {
    synchronized (lock) {
      return List.copyOf(resources);
    }
  }

  /** Distinct {@code service.instance.id} values over all resources, sorted. */
  public SortedSet<String> serviceInstanceIds() {
    TreeSet<String> ids = new TreeSet<>();
    for (Map<String, Object> r : resources()) {
      Object id = r.get(SERVICE_INSTANCE_ID);
      if (id != null) {
        ids.add(id.toString());
      }
    }
    return Collections.unmodifiableSortedSet(ids);
  }

  // ---- spans ----

  public List<SpanRecord> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  public List<SpanRecord> spans(Predicate<SpanRecord> filter) {
    return spans().stream().filter(filter).collect(Collectors.toUnmodifiableList());
  }

  public List<SpanRecord> spansByNamePrefix(String prefix) {
    return spans(s -> s.name().startsWith(prefix));
  }

  // ---- metrics ----

  public List<MetricPoint> metricPoints() {
    synchronized (lock) {
      return List.copyOf(points);
    }
  }

  public List<MetricPoint> metricPoints(String metricName) {
    return metricPoints(p -> p.metricName().equals(metricName));
  }

  public List<MetricPoint> metricPoints(Predicate<MetricPoint> filter) {
    return metricPoints().stream().filter(filter).collect(Collectors.toUnmodifiableList());
  }

  /** Names of all metrics that had at least one point, sorted. */
  public SortedSet<String> metricNames() {
    return Collections.unmodifiableSortedSet(
        metricPoints().stream()
            .map(MetricPoint::metricName)
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  /**
   * For each (metric name, resource {@code service.instance.id}, point attributes), the cumulative
   * point with the latest timestamp (ties: the later arrival). Because cumulative points carry the
   * running total, this is what a process had counted by its last export.
   */
  public List<MetricPoint> latestCumulativePoints() {
    Map<PointKey, MetricPoint> latest = new LinkedHashMap<>();
    for (MetricPoint p : metricPoints()) {
      if (p.temporality() != MetricPoint.Temporality.CUMULATIVE) {
        continue;
      }
      latest.merge(PointKey.of(p), p, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
    }
    return List.copyOf(latest.values());
  }

  public List<MetricPoint> latestCumulativePoints(String metricName) {
    return latestCumulativePoints().stream()
        .filter(p -> p.metricName().equals(metricName))
        .collect(Collectors.toUnmodifiableList());
  }

  private static final Comparator<MetricPoint> LATEST =
      Comparator.comparingLong(MetricPoint::epochNanos)
          .thenComparingLong(p -> p.arrival().sequence());

  /** Identity of a cumulative time series as the tests see it. */
  public record PointKey(
      String metricName, String serviceInstanceId, Map<String, Object> attributes) {
    public static PointKey of(MetricPoint p) {
      return new PointKey(p.metricName(), p.serviceInstanceId(), p.attributes());
    }
  }

  // ---- logs ----

  public List<LogEntry> logs() {
    synchronized (lock) {
      return List.copyOf(logs);
    }
  }

  // ---- waiting ----

  /**
   * Blocks until {@code condition} holds, re-checking whenever a request arrives (and at least
   * every 200 ms, for conditions that depend on something else, such as time).
   *
   * @throws AssertionError on timeout, with {@link #summary()} so the failure shows what did arrive
   */
  public void await(Duration timeout, String description, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        // Evaluated while holding the lock: queries re-enter it, which is fine (reentrant).
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Timed out after " + timeout + " waiting for: " + description + "\n" + summary());
        }
        try {
          lock.wait(Math.max(1, Math.min(200, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted waiting for: " + description, e);
        }
      }
    }
  }

  public void await(Duration timeout, Supplier<Boolean> condition) {
    await(timeout, "condition", condition);
  }

  /**
   * A few lines on what arrived: counts per signal/protocol, instance ids, metric and span names.
   */
  public String summary() {
    List<ReceivedRequest> reqs = requests();
    Map<String, Long> perKind =
        reqs.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.arrival().signal() + "/" + r.arrival().protocol(),
                    java.util.TreeMap::new,
                    Collectors.counting()));
    Set<String> spanNames =
        spans().stream().map(SpanRecord::name).collect(Collectors.toCollection(TreeSet::new));
    return "OTLP receiver got "
        + reqs.size()
        + " requests "
        + perKind
        + "\n  service.instance.id: "
        + serviceInstanceIds()
        + "\n  metrics: "
        + metricNames()
        + "\n  spans: "
        + spanNames
        + "\n  logs: "
        + logs().size();
  }
}
