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
  private final OtlpGrpcServer grpc;
  private final OtlpHttpServer http;

  private OtlpReceiver(OtlpStore store, int grpcPort, int httpPort) {
    this.store = store;
    this.grpc = new OtlpGrpcServer(store, grpcPort);
    try {
      this.http = new OtlpHttpServer(store, httpPort);
    } catch (RuntimeException e) {
      grpc.close();
      throw e;
    }
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
    return "http://" + LOOPBACK + ":" + grpc.port();
  }

  /**
   * {@code http://127.0.0.1:<http port>}, for protocol {@code http/protobuf}: the base endpoint, to
   * which SDK autoconfiguration appends {@code /v1/traces} etc. Per-signal exporter builders need
   * the full URL ({@code endpointHttp() + Signal.TRACES.httpPath()}).
   */
  public String endpointHttp() {
    return "http://" + LOOPBACK + ":" + http.port();
  }

  /** The base endpoint for the given protocol. */
  public String endpoint(Protocol protocol) {
    return protocol == Protocol.GRPC ? endpointGrpc() : endpointHttp();
  }

  public int grpcPort() {
    return grpc.port();
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      grpc.close();
    }
  }
}
