package dev.vcon.sample.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueHealthCheckTest {

  @TempDir Path spool;

  @Test
  void checksEachIngressListAndItsDeadLetterList() {
    VconQueue queue = new SpoolVconQueue(spool);
    queue.push("a", "1");
    queue.push("a", "2");
    queue.push("DLQ:b", "3");

    try (QueueHealthCheck health =
        new QueueHealthCheck(queue, List.of("a", "b"), Duration.ofHours(1), System.err)) {
      assertThat(health.lists()).containsExactly("a", "DLQ:a", "b", "DLQ:b");
      assertThat(health.check()).containsExactly(2, 0, 0, 1);
    }
  }

  @Test
  void anUnreadableListIsLoggedAndTheOthersStillChecked() throws Exception {
    VconQueue queue = new SpoolVconQueue(spool);
    queue.push("b", "1");
    // A file where the list's folder belongs makes listing it fail.
    Files.writeString(spool.resolve("lists").resolve("a"), "not a folder");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    try (QueueHealthCheck health =
        new QueueHealthCheck(
            queue, List.of("a", "b"), Duration.ofHours(1), new PrintStream(log, true))) {
      assertThat(health.check()).containsExactly(-1, 0, 1, 0);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("vcon-health list=a unreadable");
  }
}
