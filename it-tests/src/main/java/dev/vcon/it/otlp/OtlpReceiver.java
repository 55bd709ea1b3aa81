package dev.vcon.it.otlp;

import java.util.concurrent.CountDownLatch;

/**
 * An in-process OTLP receiver for tests: OTLP/gRPC and OTLP/HTTP-protobuf on loopback ports chosen
 * at start, both feeding one {@link OtlpStore}. Point an exporter at {@link #endpointGrpc()} or
 * {@link #endpointHttp()} (as {@code OTEL_EXPORTER_OTLP_ENDPOINT}) and query {@link #store()}.
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *   ... start a JVM with -Dotel.exporter.otlp.endpoint=receiver.endpointHttp() ...
 *   receiver.store().await(Duration.ofSeconds(30), "jvm metrics",
 *       () -> !receiver.store().metricPoints("jvm.thread.count").isEmpty());
 * }
 * }</pre>
 */
public final class OtlpReceiver implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final OtlpStore store;
  private final ReceiverFaults faults = new ReceiverFaults();
  private final int grpcPort;
  private final int httpPort;
  // Replaced by restart(); null while stopped.
  private volatile OtlpGrpcServer grpc;
  private volatile OtlpHttpServer http;

  private OtlpReceiver() {
    this.store = new OtlpStore();
    open(0, 0);
    this.grpcPort = grpc.port();
    this.httpPort = http.port();
  }

  private synchronized void open(int grpcAt, int httpAt) {
    OtlpGrpcServer g = new OtlpGrpcServer(store, faults, grpcAt);
    try {
      this.http = new OtlpHttpServer(store, faults, httpAt);
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
    this.grpc = g;
  }

  /**
   * Closes both listeners, as a collector that was killed: connections are refused until {@link
   * #restart()}. What was received stays in the store.
   */
  public synchronized void stop() {
    try {
      if (http != null) {
        http.close();
      }
    } finally {
      if (grpc != null) {
        grpc.close();
      }
      http = null;
      grpc = null;
    }
  }

  /** Opens the listeners again on the same ports, as a restarted collector; same store. */
  public synchronized void restart() {
    stop();
    open(grpcPort, httpPort);
  }

  /** How exports are answered from now on; calls hung in {@link ReceiverMode#HANG} see it too. */
  public void mode(ReceiverMode mode) {
    faults.set(mode);
  }

  /** Starts both listeners; close it (try-with-resources) to free the ports. */
  public static OtlpReceiver start() {
    return new OtlpReceiver();
  }

  public OtlpStore store() {
    return store;
  }

  /** {@code http://127.0.0.1:<grpc port>}, for protocol {@code grpc}. */
  public String endpointGrpc() {
    return "http://" + LOOPBACK + ":" + grpcPort;
  }

  /**
   * {@code http://127.0.0.1:<http port>}, for protocol {@code http/protobuf}: the base endpoint, to
   * which SDK autoconfiguration appends {@code /v1/traces} etc. Per-signal exporter builders need
   * the full URL ({@code endpointHttp() + Signal.TRACES.httpPath()}).
   */
  public String endpointHttp() {
    return "http://" + LOOPBACK + ":" + httpPort;
  }

  /** The base endpoint for the given protocol. */
  public String endpoint(Protocol protocol) {
    return protocol == Protocol.GRPC ? endpointGrpc() : endpointHttp();
  }

  public int grpcPort() {
    return grpcPort;
  }

  public int httpPort() {
    return httpPort;
  }

  @Override
  public void close() {
    // Release hung calls first so their threads end with the servers.
    faults.set(ReceiverMode.REFUSE);
    stop();
  }

  /** Demo: starts a receiver, prints its endpoints and one line per export until killed. */
  public static void main(String[] args) throws InterruptedException {
    OtlpReceiver receiver = start();
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "otlp-receiver-close"));
    receiver.store().addListener(OtlpReceiver::print);
    System.out.println("OTLP receiver listening");
    System.out.println("  grpc:          " + receiver.endpointGrpc());
    System.out.println("  http/protobuf: " + receiver.endpointHttp());
    new CountDownLatch(1).await();
  }

  private static void print(ReceivedRequest r) {
    Arrival a = r.arrival();
    StringBuilder line =
        new StringBuilder()
            .append('#')
            .append(a.sequence())
            .append(' ')
            .append(a.time())
            .append(' ')
            .append(a.protocol().otelName())
            .append(' ')
            .append(a.signal())
            .append(" encoding=")
            .append(a.contentEncoding());
    for (var resource : OtlpDecoder.resources(r)) {
      line.append("\n  resource ").append(resource);
    }
    switch (a.signal()) {
      case TRACES:
        if (r.request()
            instanceof io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest t) {
          for (SpanRecord s : OtlpDecoder.spans(a, t)) {
            line.append("\n  span ")
                .append(s.name())
                .append(' ')
                .append(s.kind())
                .append(" trace=")
                .append(s.traceId())
                .append(" status=")
                .append(s.statusCode());
          }
        }
        break;
      case METRICS:
        if (r.request()
            instanceof io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest m) {
          for (MetricPoint p : OtlpDecoder.points(a, m)) {
            line.append("\n  point ")
                .append(p.metricName())
                .append(' ')
                .append(p.attributes())
                .append(" = ")
                .append(p.value() != null ? p.value() : p.histogram());
          }
        }
        break;
      default:
        if (r.request()
            instanceof io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest l) {
          for (LogEntry e : OtlpDecoder.logs(a, l)) {
            line.append("\n  log ").append(e.severityText()).append(' ').append(e.body());
          }
        }
        break;
    }
    System.out.println(line);
  }
}
