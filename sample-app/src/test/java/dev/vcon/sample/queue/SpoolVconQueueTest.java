package dev.vcon.sample.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolVconQueueTest extends VconQueueContract {

  @TempDir Path spool;

  @Override
  VconQueue queue() {
    return new SpoolVconQueue(spool);
  }

  /** A folder has no blocking read: a waiting pop sleeps between polls. */
  @Override
  boolean isWaitingInPop(Thread popper) {
    if (popper.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : popper.getStackTrace()) {
      if (frame.getClassName().equals(SpoolVconQueue.class.getName())
          && frame.getMethodName().equals("pop")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void expiredContextsAreSkipped() throws Exception {
    VconQueue queue = queue();
    // A negative ttl stores an entry that is already expired, with no waiting.
    queue.pushContext("in", "u1", "{\"old\":true}", Duration.ofSeconds(-1));
    queue.pushContext("in", "u1", "{\"fresh\":true}", Duration.ofMinutes(1));

    assertThat(queue.popContext("in", "u1")).contains("{\"fresh\":true}");
  }

  @Test
  void listNamesCannotEscapeTheSpoolFolder() {
    queue().push("../../escape", "u1");

    assertThat(spool.getParent().resolve("escape")).doesNotExist();
    assertThat(queue().entries("../../escape")).containsExactly("u1");
  }

  @Test
  void noHalfWrittenFilesAreLeftBehind() throws Exception {
    VconQueue queue = queue();
    queue.putVcon("u1", "{}");
    queue.push("in", "u1");
    queue.pop("in", Duration.ofMillis(50));

    try (var tmp = Files.list(spool.resolve("tmp"));
        var claimed = Files.list(spool.resolve("claimed"))) {
      assertThat(tmp).isEmpty();
      assertThat(claimed).isEmpty();
    }
  }
}
