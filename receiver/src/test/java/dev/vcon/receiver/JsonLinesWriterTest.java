package dev.vcon.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.vcon.it.otlp.Arrival;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.ReceivedRequest;
import dev.vcon.it.otlp.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {
  @TempDir Path dir;

  @Test
  void writesOneOtlpJsonLinePerRequestWithHexIdsAndNumericEnums() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String spanId = "b7ad6b7169203331";
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                Span.newBuilder()
                                    .setTraceId(
                                        ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
                                    .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
                                    .setName("vcon_processing.main_chain")
                                    .setKind(Span.SpanKind.SPAN_KIND_INTERNAL))))
            .build();
    Path file = dir.resolve("out.jsonl");

    try (JsonLinesWriter writer = new JsonLinesWriter(file)) {
      ReceivedRequest r =
          new ReceivedRequest(
              new Arrival(1, Instant.EPOCH, Protocol.GRPC, Signal.TRACES, "identity", ""), request);
      writer.accept(r);
      writer.accept(r);
    }

    assertThat(Files.readAllLines(file))
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .startsWith("{\"resourceSpans\":")
                    .contains("\"traceId\":\"" + traceId + "\"")
                    .contains("\"spanId\":\"" + spanId + "\"")
                    .contains("\"kind\":1"));
  }
}
