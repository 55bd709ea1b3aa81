package dev.vcon.sample.vcon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** Generates plausible vCons that match the IETF vCon core draft, for the producer and tests. */
public final class VconFactory {

  public static final String VCON_VERSION = "0.0.2";

  private static final String[] NAMES = {"Alice Agent", "Bob Buyer", "Carol Caller", "Dan Dealer"};

  private final Random random;

  public VconFactory(Random random) {
    this.random = random;
  }

  public ObjectNode create() {
    return create(UUID.randomUUID().toString());
  }

  public ObjectNode create(String uuid) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode vcon = Json.MAPPER.createObjectNode();
    vcon.put("uuid", uuid);
    vcon.put("vcon", VCON_VERSION);
    vcon.put("created_at", now.atOffset(ZoneOffset.UTC).toString());
    vcon.put("subject", "sample conversation");

    ArrayNode parties = vcon.putArray("parties");
    parties
        .addObject()
        .put("tel", String.format("+1555%07d", random.nextInt(10_000_000)))
        .put("name", NAMES[random.nextInt(NAMES.length)]);
    parties
        .addObject()
        .put("mailto", "agent" + random.nextInt(100) + "@example.com")
        .put("name", NAMES[random.nextInt(NAMES.length)]);

    ObjectNode dialog = vcon.putArray("dialog").addObject();
    String start = now.minusSeconds(60).atOffset(ZoneOffset.UTC).toString();
    if (random.nextBoolean()) {
      dialog
          .put("type", "text")
          .put("start", start)
          .put("originator", 0)
          .put("mimetype", "text/plain")
          .put("encoding", "none")
          .put("body", "Hello, I would like to check my order status.");
      dialog.putArray("parties").add(0).add(1);
    } else {
      byte[] silence = new byte[16];
      dialog
          .put("type", "recording")
          .put("start", start)
          .put("duration", 1.5)
          .put("mimetype", "audio/x-wav")
          .put("filename", "call.wav")
          .put("encoding", "base64url")
          .put("body", Base64.getUrlEncoder().withoutPadding().encodeToString(silence));
      dialog.putArray("parties").add(0).add(1);
    }
    vcon.putArray("analysis");
    vcon.putArray("attachments");
    vcon.putArray("group");
    vcon.putObject("redacted");
    return vcon;
  }

  /** An upstream trace context as an instrumented producer stores it. */
  public ObjectNode upstreamContext() {
    ObjectNode context = Json.MAPPER.createObjectNode();
    context.put("trace_id", nonZeroHex(16));
    context.put("span_id", nonZeroHex(8));
    context.put("trace_flags", 1);
    context.put("is_sampled", true);
    return context;
  }

  private String nonZeroHex(int bytes) {
    byte[] value = new byte[bytes];
    do {
      random.nextBytes(value);
    } while (isAllZero(value));
    StringBuilder hex = new StringBuilder(bytes * 2);
    for (byte b : value) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  private static boolean isAllZero(byte[] value) {
    for (byte b : value) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
