package dev.vcon.it.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http/protobuf listener at the byte level: status codes, gzip, empty protobuf answers. */
class OtlpHttpServerTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(receiver.endpointHttp() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  @Test
  void gzipTraceExportIsDecodedAndAnsweredWithAnEmptyProtobuf200() throws Exception {
    byte[] body = gzip(Protos.span("i-1", "hand.made", (byte) 0xab, (byte) 0x0c).toByteArray());

    HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", "gzip", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(response.body()).isEmpty();
    assertThat(receiver.store().spans())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo("hand.made");
              assertThat(s.traceId()).isEqualTo("ab".repeat(16));
              assertThat(s.spanId()).isEqualTo("0c".repeat(8));
              assertThat(s.arrival().contentEncoding()).isEqualTo("gzip");
              assertThat(s.arrival().protocol()).isEqualTo(Protocol.HTTP_PROTOBUF);
            });
  }

  @Test
  void plainMetricsExportIsRecordedAsIdentityEncoding() throws Exception {
    HttpResponse<byte[]> response =
        post(
            "/v1/metrics",
            "application/x-protobuf",
            null,
            Protos.gauge("i-2", "g", 1, 2.0).toByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(receiver.store().arrivals(Signal.METRICS))
        .singleElement()
        .satisfies(a -> assertThat(a.contentEncoding()).isEqualTo("identity"));
  }

  @Test
  void unknownPathIs404AndNotRecorded() throws Exception {
    assertThat(post("/v1/profiles", "application/x-protobuf", null, new byte[0]).statusCode())
        .isEqualTo(404);
    assertThat(post("/v1/traces/extra", "application/x-protobuf", null, new byte[0]).statusCode())
        .isEqualTo(404);
    assertThat(receiver.store().requests()).isEmpty();
  }

  @Test
  void jsonBodyIsRefusedWith415() throws Exception {
    assertThat(post("/v1/traces", "application/json", null, "{}".getBytes()).statusCode())
        .isEqualTo(415);
    assertThat(receiver.store().requests()).isEmpty();
  }

  @Test
  void undecodableBodyIs400AndNotRecorded() throws Exception {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
    assertThat(post("/v1/logs", "application/x-protobuf", null, garbage).statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/logs", "application/x-protobuf", "gzip", garbage).statusCode())
        .isEqualTo(400);
    assertThat(receiver.store().requests()).isEmpty();
  }
}
