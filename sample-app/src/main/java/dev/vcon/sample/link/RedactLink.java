package dev.vcon.sample.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import dev.vcon.sample.queue.VconQueue;
import java.util.Map;
import java.util.UUID;

/**
 * Masks party telephone numbers, keeping the last {@code keep_last} digits (default 4). With {@code
 * new_uuid: true} it leaves the original alone and continues the chain with a redacted copy under a
 * new uuid whose {@code redacted} field points at the original, as the vCon draft describes; that
 * exercises the "link returns a new uuid" path.
 */
public final class RedactLink implements Link {

  private VconQueue queue;
  private int keepLast;
  private boolean newUuid;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    Options opts = new Options(options);
    this.queue = context.queue();
    this.keepLast = (int) opts.longValue("keep_last", 4);
    if (keepLast < 0) {
      throw new IllegalArgumentException("option keep_last must not be negative");
    }
    this.newUuid = opts.bool("new_uuid", false);
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    ObjectNode vcon = VconDocuments.load(queue, vconUuid);
    for (JsonNode party : vcon.withArray("parties")) {
      if (party.hasNonNull("tel") && party instanceof ObjectNode object) {
        object.put("tel", mask(party.get("tel").asText(), keepLast));
      }
    }
    if (newUuid) {
      String copyUuid = UUID.randomUUID().toString();
      vcon.put("uuid", copyUuid);
      vcon.putObject("redacted").put("uuid", vconUuid).put("type", "tel");
      VconDocuments.save(queue, vcon);
      return copyUuid;
    }
    VconDocuments.save(queue, vcon);
    return vconUuid;
  }

  /** Replaces every digit except the last {@code keep} with '*'; '+' and separators stay. */
  static String mask(String tel, int keep) {
    int digits = (int) tel.chars().filter(Character::isDigit).count();
    int toMask = Math.max(0, digits - keep);
    StringBuilder masked = new StringBuilder(tel.length());
    for (char c : tel.toCharArray()) {
      if (Character.isDigit(c) && toMask > 0) {
        masked.append('*');
        toMask--;
      } else {
        masked.append(c);
      }
    }
    return masked.toString();
  }
}
