package dev.vcon.sample.link;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Calls an HTTP endpoint for each vCon and continues, as a link calling a transcription or LLM API
 * would: a GET with the JDK's HTTP client to {@code path} (default {@code /enrich}) of an endpoint
 * this process starts on the loopback address. A tracer that instruments the JDK's client (the
 * OpenTelemetry Java agent does) sees one client call per run. A non-2xx answer fails the link.
 */
public final class HttpLink implements Link {

  private HttpClient client;
  private String path;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    this.path = new Options(options).string("path").orElse("/enrich");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("option path must start with /, not " + path);
    }
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    URI uri = LoopbackEndpoint.base().resolve(path + "?uuid=" + vconUuid);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
      }
      return vconUuid;
    } catch (IOException e) {
      throw new IllegalStateException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + uri + " interrupted", e);
    }
  }
}
