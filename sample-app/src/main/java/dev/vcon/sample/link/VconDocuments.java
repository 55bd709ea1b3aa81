package dev.vcon.sample.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.InvalidVconException;
import dev.vcon.sample.vcon.Json;

/** Reads and writes whole vCons for links that rewrite them. */
final class VconDocuments {

  private VconDocuments() {}

  static ObjectNode load(VconQueue queue, String uuid) {
    String json =
        queue
            .getVcon(uuid)
            .orElseThrow(() -> new InvalidVconException(uuid, "no vCon stored under this uuid"));
    return Json.parseObject(json);
  }

  static void save(VconQueue queue, ObjectNode vcon) {
    queue.putVcon(vcon.get("uuid").asText(), Json.write(vcon));
  }
}
