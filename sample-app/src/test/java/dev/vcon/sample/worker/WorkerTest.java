package dev.vcon.sample.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vcon.sample.chain.ChainStats;
import dev.vcon.sample.chain.Chains;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.ConfigLoader;
import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import dev.vcon.sample.vcon.VconFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop in-process over a spool queue. */
class WorkerTest {

  @TempDir Path spool;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final ChainStats stats = new ChainStats();
  private VconQueue queue;
  private Worker worker;
  private Thread loop;

  @AfterEach
  void stopWorker() throws Exception {
    if (worker != null) {
      worker.stop(Duration.ofSeconds(10));
      loop.join(10_000);
    }
  }

  @Test
  void processesEveryQueuedVconOnceAndCountsThem() throws Exception {
    start(config("links: [tag]"), 4);
    List<String> uuids = produce(20);

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.processed() == 20);

    assertThat(queue.entries("out")).containsExactlyInAnyOrderElementsOf(uuids);
    assertThat(stats.stored()).isEqualTo(20);
    assertThat(stats.linkSuccess()).isEqualTo(20);
    assertThat(out.toString())
        .contains(
            "vcon-worker-started pid="
                + ProcessHandle.current().pid()
                + " concurrency=4 queue=spool");
  }

  @Test
  void aFailingLinkSendsTheVconToTheDeadLetterList() throws Exception {
    start(config("links: [fail]"), 2);
    List<String> uuids = produce(3);

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.failed() == 3);

    assertThat(queue.entries("DLQ:in")).containsExactlyInAnyOrderElementsOf(uuids);
    assertThat(queue.entries("out")).isEmpty();
    assertThat(stats.linkError()).isEqualTo(3);
    assertThat(log.toString()).contains("vcon-dead-lettered uuid=" + uuids.get(0));
  }

  @Test
  void anInvalidVconIsDeadLetteredWithTheReasonNotLost() throws Exception {
    start(config("links: [tag]"), 1);
    queue.putVcon("broken", "{\"uuid\":\"broken\"}");
    queue.push("in", "broken");

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.failed() == 1);

    assertThat(queue.entries("DLQ:in")).containsExactly("broken");
    assertThat(log.toString())
        .contains("vcon-dead-lettered uuid=broken")
        .contains("missing vcon version");
  }

  @Test
  void haltedRunsCountAsProcessedAndHalted() throws Exception {
    start(config("links: [halt]"), 2);
    produce(4);

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.processed() == 4);

    assertThat(stats.halted()).isEqualTo(4);
    assertThat(stats.linkHalt()).isEqualTo(4);
    assertThat(stats.stored()).isZero();
    assertThat(queue.entries("out")).isEmpty();
  }

  @Test
  void theUpstreamContextIsConsumedWhenTheVconRuns() throws Exception {
    start(config("links: [tag]"), 1);
    String uuid = storeVcon();
    // As a producer does: the context first, then the uuid on the ingress list.
    queue.pushContext(
        "in",
        uuid,
        Json.write(new VconFactory(new Random()).upstreamContext()),
        Duration.ofMinutes(1));
    queue.push("in", uuid);

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.processed() == 1);

    assertThat(queue.popContext("in", uuid)).isEmpty();
    assertThat(queue.entries("out")).containsExactly(uuid);
  }

  @Test
  void neverRunsMoreVconsAtOnceThanItsConcurrency() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ProbeLink.onRun =
        () -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(50); // the work being measured, not a wait for an assertion
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
        };
    start(config("links: [probe]"), 3);
    produce(12);

    await().atMost(Duration.ofSeconds(20)).until(() -> stats.processed() == 12);

    assertThat(peak.get()).isEqualTo(3);
  }

  @Test
  void stopFinishesWorkInFlightAndLeavesTheRestQueued() throws Exception {
    start(config("links: [slow]"), 2);
    List<String> uuids = produce(6);
    await().atMost(Duration.ofSeconds(20)).until(() -> queue.entries("in").size() <= 4);

    assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();
    loop.join(10_000);

    long processed = stats.processed();
    assertThat(processed).isBetween(2L, 6L);
    assertThat(queue.entries("out").size() + queue.entries("in").size()).isEqualTo(uuids.size());
    assertThat(queue.entries("out")).hasSize((int) processed);
    worker = null;
  }

  private String config(String chainLinks) {
    return """
    links:
      tag: {class: dev.vcon.sample.link.TagLink}
      fail: {class: dev.vcon.sample.link.FailLink, options: {fraction: 1.0}}
      halt: {class: dev.vcon.sample.link.HaltLink, options: {fraction: 1.0}}
      slow: {class: dev.vcon.sample.link.DelayLink, options: {ms: 300}}
      probe: {class: dev.vcon.sample.worker.ProbeLink}
    storages:
      log: {class: dev.vcon.sample.storage.LogStorage}
    chains:
      test:
        %s
        ingress_lists: [in]
        storages: [log]
        egress_lists: [out]
    """
        .formatted(chainLinks);
  }

  private void start(String yaml, int concurrency) {
    queue = new SpoolVconQueue(spool);
    PrintStream outStream = new PrintStream(out, true);
    Chains chains =
        Chains.build(
            ConfigLoader.parse(yaml, "test.yml"),
            new ComponentContext(queue, outStream),
            concurrency);
    worker =
        new Worker(
            chains,
            queue,
            stats,
            concurrency,
            Duration.ofMillis(200),
            outStream,
            new PrintStream(log, true));
    loop = new Thread(worker::run, "worker-loop");
    loop.start();
  }

  private List<String> produce(int count) {
    List<String> uuids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String uuid = storeVcon();
      queue.push("in", uuid);
      uuids.add(uuid);
    }
    return uuids;
  }

  private String storeVcon() {
    var vcon = new VconFactory(new Random()).create();
    queue.putVcon(vcon.get("uuid").asText(), Json.write(vcon));
    return vcon.get("uuid").asText();
  }
}
