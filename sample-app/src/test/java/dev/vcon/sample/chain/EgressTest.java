package dev.vcon.sample.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressTest {

  @TempDir Path spool;

  @Test
  void headersAreStoredBesideTheVconForTheNextChainThenTheUuidIsPushed() {
    VconQueue queue = new SpoolVconQueue(spool);
    Map<String, String> headers = new HashMap<>();
    headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    new Egress(queue).handOff("next_in", "uuid-1", headers);

    assertThat(queue.entries("next_in")).containsExactly("uuid-1");
    assertThat(queue.popContext("next_in", "uuid-1").map(Json::parseMap))
        .contains(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  }

  @Test
  void withoutHeadersNoContextIsStored() {
    VconQueue queue = new SpoolVconQueue(spool);

    new Egress(queue).handOffToAll(List.of("a", "b"), "uuid-2");

    assertThat(queue.entries("a")).containsExactly("uuid-2");
    assertThat(queue.entries("b")).containsExactly("uuid-2");
    assertThat(queue.popContext("a", "uuid-2")).isEmpty();
  }
}
