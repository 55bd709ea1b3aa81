package dev.vcon.it.bench;

import dev.vcon.it.otlp.OtlpReceiver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live receiver (the it-tests {@link OtlpReceiver} on loopback, emptied every quarter second so
 * a million runs do not fill the driver's heap, counting the spans that arrive) and a loopback port
 * that refuses connections.
 */
final class Endpoints implements AutoCloseable {
  private static final String REFUSING = "http://127.0.0.1:" + closedPort();

  private final OtlpReceiver receiver = OtlpReceiver.start();
  private final AtomicLong spans = new AtomicLong();
  private final Thread emptier;

  Endpoints() {
    receiver
        .store()
        .addListener(
            request -> {
              if (request.request() instanceof ExportTraceServiceRequest) {
                spans.addAndGet(count((ExportTraceServiceRequest) request.request()));
              }
            });
    emptier =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                receiver.store().clear();
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-receiver-emptier");
    emptier.setDaemon(true);
    emptier.start();
  }

  String grpc() {
    return receiver.endpointGrpc();
  }

  String http() {
    return receiver.endpointHttp();
  }

  static String refusing() {
    return REFUSING;
  }

  /** Spans received so far. */
  long spans() {
    return spans.get();
  }

  @Override
  public void close() {
    emptier.interrupt();
    receiver.close();
  }

  private static long count(ExportTraceServiceRequest request) {
    long n = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        n += scope.getSpansCount();
      }
    }
    return n;
  }

  /** A loopback port nothing listens on: bound, then closed again. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
