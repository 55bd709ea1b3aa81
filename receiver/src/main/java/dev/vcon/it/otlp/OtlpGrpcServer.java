package dev.vcon.it.otlp;

import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC on a loopback port (0: picked by the OS), as a collector's 4317 listener. Plaintext
 * HTTP/2 (h2c): the SDK's OkHttp gRPC sender speaks HTTP/2 with prior knowledge to {@code http://}
 * endpoints. grpc-java decompresses gzip requests by itself (its default decompressor registry).
 */
final class OtlpGrpcServer implements AutoCloseable {
  /** Larger than grpc's 4 MiB default: a JVM's first metric export can be big. */
  private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

  private static final Metadata.Key<String> GRPC_ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> USER_AGENT =
      Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> ENCODING_CTX = Context.key("otlp-encoding");
  private static final Context.Key<String> USER_AGENT_CTX = Context.key("otlp-user-agent");

  private final Server server;
  private final OtlpStore store;
  private final ReceiverFaults faults;

  /** {@code port} 0 lets the OS pick one; a given port re-opens a stopped receiver's listener. */
  OtlpGrpcServer(OtlpStore store, ReceiverFaults faults, int port) {
    this.store = store;
    this.faults = faults;
    ServerInterceptor headers = new HeaderCapture();
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .maxInboundMessageSize(MAX_INBOUND_BYTES)
            .addService(ServerInterceptors.intercept(new Traces(), headers))
            .addService(ServerInterceptors.intercept(new Metrics(), headers))
            .addService(ServerInterceptors.intercept(new Logs(), headers))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the OTLP/gRPC receiver on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Records and answers per the fault mode. A hung call is answered from a waiting thread of its
   * own, so the server's event loop is never blocked; the call ends when the mode changes or the
   * server stops (shutdownNow cancels it).
   */
  private <R> void answer(Signal signal, Message request, R success, StreamObserver<R> response) {
    ReceiverMode mode = faults.mode();
    if (mode == ReceiverMode.HANG) {
      String encoding = ENCODING_CTX.get();
      String userAgent = USER_AGENT_CTX.get();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  ReceiverMode after = faults.awaitNotHanging();
                  if (after == ReceiverMode.ACCEPT) {
                    store.accept(Protocol.GRPC, signal, encoding, userAgent, request);
                    response.onNext(success);
                    response.onCompleted();
                  } else {
                    response.onError(refused());
                  }
                } catch (InterruptedException | RuntimeException e) {
                  // the server stopped; the call was cancelled with it
                }
              },
              "otlp-grpc-hung-call");
      waiter.setDaemon(true);
      waiter.start();
      return;
    }
    if (mode == ReceiverMode.REFUSE) {
      response.onError(refused());
      return;
    }
    store.accept(Protocol.GRPC, signal, ENCODING_CTX.get(), USER_AGENT_CTX.get(), request);
    response.onNext(success);
    response.onCompleted();
  }

  private static StatusRuntimeException refused() {
    return Status.UNAVAILABLE.withDescription("refusing exports (test fault)").asRuntimeException();
  }

  /** Copies the headers the store records into the call's Context, where the services read them. */
  private static final class HeaderCapture implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      Context ctx =
          Context.current()
              .withValue(ENCODING_CTX, headers.get(GRPC_ENCODING))
              .withValue(USER_AGENT_CTX, headers.get(USER_AGENT));
      return Contexts.interceptCall(ctx, call, headers, next);
    }
  }

  private final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      answer(Signal.TRACES, request, ExportTraceServiceResponse.getDefaultInstance(), response);
    }
  }

  private final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(
        ExportMetricsServiceRequest request,
        StreamObserver<ExportMetricsServiceResponse> response) {
      answer(Signal.METRICS, request, ExportMetricsServiceResponse.getDefaultInstance(), response);
    }
  }

  private final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
      answer(Signal.LOGS, request, ExportLogsServiceResponse.getDefaultInstance(), response);
    }
  }
}
