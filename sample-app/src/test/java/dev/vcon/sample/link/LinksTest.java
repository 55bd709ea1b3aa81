package dev.vcon.sample.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import dev.vcon.sample.vcon.VconFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinksTest {

  @TempDir Path spool;

  private VconQueue queue;
  private ComponentContext context;
  private String uuid;

  @BeforeEach
  void storeAVcon() {
    queue = new SpoolVconQueue(spool);
    context = new ComponentContext(queue, System.out);
    ObjectNode vcon = new VconFactory(new Random(1)).create();
    uuid = vcon.get("uuid").asText();
    queue.putVcon(uuid, Json.write(vcon));
  }

  @Test
  void tagAddsATagsAttachment() {
    TagLink tag = new TagLink();
    tag.init(Map.of("tags", List.of("team:sales")), context);

    assertThat(tag.run(uuid, "tag", 0)).isEqualTo(uuid);

    ObjectNode stored = Json.parseObject(queue.getVcon(uuid).orElseThrow());
    assertThat(stored.get("attachments").get(0).get("type").asText()).isEqualTo("tags");
    assertThat(stored.get("attachments").get(0).get("body").get(0).asText())
        .isEqualTo("team:sales");
  }

  @Test
  void tagCanWriteAnAnalysisEntryInstead() {
    TagLink tag = new TagLink();
    tag.init(Map.of("as", "analysis"), context);

    tag.run(uuid, "tag", 0);

    ObjectNode stored = Json.parseObject(queue.getVcon(uuid).orElseThrow());
    assertThat(stored.get("analysis").get(0).get("type").asText()).isEqualTo("tags");
  }

  @Test
  void redactMasksTelNumbersKeepingTheLastDigits() {
    assertThat(RedactLink.mask("+15551234567", 4)).isEqualTo("+*******4567");
    RedactLink redact = new RedactLink();
    redact.init(Map.of("keep_last", 2), context);

    redact.run(uuid, "redact", 1);

    String tel =
        Json.parseObject(queue.getVcon(uuid).orElseThrow())
            .get("parties")
            .get(0)
            .get("tel")
            .asText();
    assertThat(tel).matches("\\+\\*{9}\\d{2}");
  }

  @Test
  void redactWithNewUuidContinuesWithARedactedCopy() {
    RedactLink redact = new RedactLink();
    redact.init(Map.of("new_uuid", true), context);

    String copy = redact.run(uuid, "redact", 0);

    assertThat(copy).isNotEqualTo(uuid);
    ObjectNode redacted = Json.parseObject(queue.getVcon(copy).orElseThrow());
    assertThat(redacted.get("redacted").get("uuid").asText()).isEqualTo(uuid);
    String originalTel =
        Json.parseObject(queue.getVcon(uuid).orElseThrow())
            .get("parties")
            .get(0)
            .get("tel")
            .asText();
    assertThat(originalTel).doesNotContain("*");
  }

  @Test
  void failAndHaltPickTheSameVconsEveryTime() {
    FailLink fail = new FailLink();
    fail.init(Map.of("fraction", 0.3), context);
    HaltLink halt = new HaltLink();
    halt.init(Map.of("fraction", 0.3), context);
    List<String> uuids =
        IntStream.range(0, 1000).mapToObj(i -> UUID.randomUUID().toString()).toList();

    long halted = uuids.stream().filter(u -> halt.run(u, "halt", 0) == null).count();
    long failed =
        uuids.stream()
            .filter(
                u -> {
                  try {
                    fail.run(u, "fail", 0);
                    return false;
                  } catch (IllegalStateException e) {
                    return true;
                  }
                })
            .count();

    assertThat(halted).isEqualTo(failed).isBetween(200L, 400L);
    assertThat(uuids.stream().filter(u -> halt.run(u, "halt", 0) == null).count())
        .isEqualTo(halted);
  }

  @Test
  void aUuidPatternSelectsMatchingVcons() {
    FailLink fail = new FailLink();
    fail.init(Map.of("uuid_pattern", "^dead"), context);

    assertThatThrownBy(() -> fail.run("deadbeef-0000", "fail", 2)).hasMessageContaining("fail");
    assertThat(fail.run("cafe-0000", "fail", 2)).isEqualTo("cafe-0000");
  }

  @Test
  void delaySleepsInsteadOfReturning() throws Exception {
    DelayLink delay = new DelayLink();
    delay.init(Map.of("ms", Duration.ofHours(1).toMillis()), context);
    AtomicReference<Thread> runner = new AtomicReference<>();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<String> run =
          executor.submit(
              () -> {
                runner.set(Thread.currentThread());
                return delay.run(uuid, "delay", 0);
              });
      // a wait on the condition "asleep inside the link"; the bound only turns a hang into a
      // failure
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> isSleepingIn(runner.get(), DelayLink.class));

      runner.get().interrupt();

      assertThatThrownBy(() -> run.get(1, TimeUnit.MINUTES))
          .hasRootCauseInstanceOf(InterruptedException.class)
          .hasMessageContaining("delay interrupted");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void delayContinuesWithTheSameVcon() {
    DelayLink delay = new DelayLink();
    delay.init(Map.of("ms", 1), context);

    assertThat(delay.run(uuid, "delay", 0)).isEqualTo(uuid);
  }

  private static boolean isSleepingIn(Thread thread, Class<?> type) {
    if (thread == null || thread.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().equals(type.getName())) {
        return true;
      }
    }
    return false;
  }
}
