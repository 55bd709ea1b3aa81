package dev.vcon.it.otlp;

/**
 * An in-process OTLP receiver: OTLP/gRPC and OTLP/HTTP-protobuf on loopback ports chosen at start,
 * both feeding one {@link OtlpStore}. Point an exporter at {@link #endpointGrpc()} or {@link
 * #endpointHttp()} (as {@code OTEL_EXPORTER_OTLP_ENDPOINT}) and query {@link #store()}.
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

  private OtlpReceiver(OtlpStore store, int grpcPort, int httpPort) {
    this.store = store;
    open(grpcPort, httpPort);
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

  /**
   * Starts both listeners on ports picked by the OS, keeping everything received; close it
   * (try-with-resources) to free the ports.
   */
  public static OtlpReceiver start() {
    return new OtlpReceiver(new OtlpStore(), 0, 0);
  }

  /**
   * Starts both listeners on the given loopback ports (0: any free port) feeding {@code store}.
   *
   * @throws java.io.UncheckedIOException naming the port when one is taken
   */
  public static OtlpReceiver start(OtlpStore store, int grpcPort, int httpPort) {
    return new OtlpReceiver(store, grpcPort, httpPort);
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
}
