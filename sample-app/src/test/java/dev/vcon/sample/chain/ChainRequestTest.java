package dev.vcon.sample.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.sample.link.Link;
import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.storage.Storage;
import dev.vcon.sample.support.RecordingStorage;
import dev.vcon.sample.vcon.InvalidVconException;
import dev.vcon.sample.vcon.Json;
import dev.vcon.sample.vcon.VconFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainRequestTest {

  @TempDir Path spool;

  private VconQueue queue;
  private ChainStats stats;
  private ByteArrayOutputStream log;
  private String uuid;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void storeAVcon() {
    queue = new SpoolVconQueue(spool);
    stats = new ChainStats();
    log = new ByteArrayOutputStream();
    uuid = storeValidVcon();
  }

  @Test
  void linksRunInOrderThenStoragesThenEgress() {
    RecordingStorage storage = RecordingStorage.named("file", false);
    ChainDetails chain =
        chain(
            List.of(link("a", recording("a")), link("b", recording("b"))), List.of(storage), null);

    ChainResult result = request(chain, uuid).process();

    assertThat(result.halted()).isFalse();
    assertThat(calls).containsExactly("a:" + uuid + ":0", "b:" + uuid + ":1");
    assertThat(storage.saved).containsExactly(uuid);
    assertThat(queue.entries("out")).containsExactly(uuid);
    assertThat(stats.linkSuccess()).isEqualTo(2);
    assertThat(stats.stored()).isEqualTo(1);
  }

  @Test
  void aLinkReturningANewUuidContinuesTheChainWithIt() {
    String copy = storeValidVcon();
    RecordingStorage storage = RecordingStorage.named("file", false);
    Link replace = (id, name, index) -> copy;
    ChainDetails chain =
        chain(
            List.of(link("copy", replace), link("after", recording("after"))),
            List.of(storage),
            null);

    ChainResult result = request(chain, uuid).process();

    assertThat(calls).containsExactly("after:" + copy + ":1");
    assertThat(result.finalUuid()).isEqualTo(copy);
    assertThat(storage.saved).containsExactly(copy);
    assertThat(queue.entries("out")).containsExactly(copy);
  }

  @Test
  void aLinkReturningNullHaltsBeforeStoragesAndEgress() {
    RecordingStorage storage = RecordingStorage.named("file", false);
    Link halt = (id, name, index) -> null;
    ChainDetails chain =
        chain(
            List.of(link("halt", halt), link("never", recording("never"))), List.of(storage), null);

    ChainResult result = request(chain, uuid).process();

    assertThat(result.halted()).isTrue();
    assertThat(result.haltedBy()).isEqualTo("halt");
    assertThat(calls).isEmpty();
    assertThat(storage.saved).isEmpty();
    assertThat(queue.entries("out")).isEmpty();
    assertThat(stats.linkHalt()).isEqualTo(1);
  }

  @Test
  void aThrowingLinkFailsTheRunWithoutStoringOrForwarding() {
    RecordingStorage storage = RecordingStorage.named("file", false);
    Link boom =
        (id, name, index) -> {
          throw new IllegalStateException("model timeout");
        };
    ChainDetails chain = chain(List.of(link("boom", boom)), List.of(storage), null);

    assertThatThrownBy(() -> request(chain, uuid).process())
        .isInstanceOf(LinkFailedException.class)
        .hasMessageContaining("boom")
        .hasMessageContaining("model timeout")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(storage.saved).isEmpty();
    assertThat(queue.entries("out")).isEmpty();
    assertThat(stats.linkError()).isEqualTo(1);
  }

  @Test
  void aFailingStorageIsCountedAndLoggedButTheRunCompletes() {
    RecordingStorage broken = RecordingStorage.named("broken", true);
    RecordingStorage good = RecordingStorage.named("good", false);
    ChainDetails chain = chain(List.of(), List.of(broken, good), null);

    ChainResult result = request(chain, uuid).process();

    assertThat(result.halted()).isFalse();
    assertThat(good.saved).containsExactly(uuid);
    assertThat(stats.storageFailed()).isEqualTo(1);
    assertThat(stats.stored()).isEqualTo(1);
    assertThat(queue.entries("out")).containsExactly(uuid);
    assertThat(log.toString()).contains("vcon-storage-failed uuid=" + uuid + " storage=broken");
  }

  @Test
  void parallelStoragesRunOnTheExecutorAndAreAllAwaited() {
    RecordingStorage first = RecordingStorage.named("first", false);
    RecordingStorage second = RecordingStorage.named("second", false);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "storage-pool"));
    try {
      ChainDetails chain = chain(List.of(), List.of(first, second), executor);

      request(chain, uuid).process();

      assertThat(first.saved).containsExactly(uuid);
      assertThat(second.saved).containsExactly(uuid);
      assertThat(first.threads).containsOnly("storage-pool");
      assertThat(second.threads).containsOnly("storage-pool");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aMissingVconFailsTheRunAsInvalid() {
    ChainDetails chain = chain(List.of(link("a", recording("a"))), List.of(), null);

    assertThatThrownBy(() -> request(chain, "no-such-uuid").process())
        .isInstanceOf(InvalidVconException.class)
        .hasMessageContaining("no vCon stored");
    assertThat(calls).isEmpty();
  }

  @Test
  void aMalformedVconFailsTheRunWithTheReason() {
    queue.putVcon("bad", "{\"uuid\":\"bad\",\"vcon\":\"0.0.2\",\"created_at\":\"yesterday\"}");
    ChainDetails chain = chain(List.of(), List.of(), null);

    assertThatThrownBy(() -> request(chain, "bad").process())
        .isInstanceOf(InvalidVconException.class)
        .hasMessageContaining("created_at");
  }

  @Test
  void theUpstreamContextIsKeptOnTheRequest() {
    Map<String, Object> context = Map.of("trace_id", "0af7651916cd43dd8448eb211c80319c");
    ChainRequest request =
        new ChainRequest(chain(List.of(), List.of(), null), uuid, context, environment());

    assertThat(request.getContext()).isEqualTo(context);
    assertThat(request.getVconId()).isEqualTo(uuid);
  }

  private String storeValidVcon() {
    var vcon = new VconFactory(new Random(7)).create();
    queue.putVcon(vcon.get("uuid").asText(), Json.write(vcon));
    return vcon.get("uuid").asText();
  }

  private Link recording(String label) {
    return (id, name, index) -> {
      calls.add(label + ":" + id + ":" + index);
      return id;
    };
  }

  private static NamedLink link(String name, Link link) {
    return new NamedLink(name, link);
  }

  private ChainDetails chain(
      List<NamedLink> links, List<Storage> storages, ExecutorService storageExecutor) {
    return new ChainDetails(
        "test_chain", links, List.of("in"), storages, List.of("out"), storageExecutor);
  }

  private ChainRequest request(ChainDetails chain, String vconId) {
    return new ChainRequest(chain, vconId, null, environment());
  }

  private ChainEnvironment environment() {
    return new ChainEnvironment(queue, stats, new PrintStream(log, true));
  }
}
