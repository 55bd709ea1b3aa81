package dev.vcon.it.security;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/gRPC endpoint that refuses every call with UNAUTHENTICATED (what a collector's auth
 * extension answers to a wrong key) and remembers the metadata values it was sent.
 */
final class RejectingGrpcCollector implements AutoCloseable {
  private final Server server;
  private final List<String> headerValues = new CopyOnWriteArrayList<>();

  private RejectingGrpcCollector() throws IOException {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .fallbackHandlerRegistry(new RefuseAll())
            .build()
            .start();
  }

  static RejectingGrpcCollector start() throws IOException {
    return new RejectingGrpcCollector();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  boolean received(String text) {
    return headerValues.stream().anyMatch(v -> v.contains(text));
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private final class RefuseAll extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<InputStream, InputStream> method =
          MethodDescriptor.<InputStream, InputStream>newBuilder()
              .setType(MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(methodName)
              .setRequestMarshaller(Raw.INSTANCE)
              .setResponseMarshaller(Raw.INSTANCE)
              .build();
      return ServerMethodDefinition.create(
          method,
          (ServerCall<InputStream, InputStream> call, Metadata headers) -> {
            for (String key : headers.keys()) {
              if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                  headerValues.add(value);
                }
              }
            }
            call.close(Status.UNAUTHENTICATED.withDescription("invalid api key"), new Metadata());
            return new ServerCall.Listener<InputStream>() {};
          });
    }
  }

  private enum Raw implements MethodDescriptor.Marshaller<InputStream> {
    INSTANCE;

    @Override
    public InputStream stream(InputStream value) {
      return value;
    }

    @Override
    public InputStream parse(InputStream stream) {
      return stream;
    }
  }
}
