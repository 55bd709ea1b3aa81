package dev.vcon.sample.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.sample.queue.VconQueue.Popped;
import dev.vcon.sample.worker.DeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour both queues promise; each implementation's test runs it. */
abstract class VconQueueContract {

  /** A fresh, empty queue; each call on the same test gives another handle to the same store. */
  abstract VconQueue queue();

  @Test
  void popReturnsEntriesInPushOrder() throws Exception {
    VconQueue queue = queue();
    queue.push("in", "a");
    queue.push("in", "b");
    queue.push("in", "c");

    assertThat(queue.pop("in", Duration.ofMillis(100))).isEqualTo("a");
    assertThat(queue.popFirst(List.of("in"), Duration.ofMillis(100)))
        .contains(new Popped("in", "b"));
    assertThat(queue.entries("in")).containsExactly("c");
  }

  @Test
  void popTakesFromTheFirstNonEmptyListInTheOrderGiven() throws Exception {
    VconQueue queue = queue();
    queue.push("second", "y");
    queue.push("first", "x");

    assertThat(queue.popFirst(List.of("first", "second"), Duration.ofMillis(100)))
        .contains(new Popped("first", "x"));
    assertThat(queue.popFirst(List.of("first", "second"), Duration.ofMillis(100)))
        .contains(new Popped("second", "y"));
  }

  @Test
  void popOnEmptyListsReturnsEmptyAfterTheTimeout() throws Exception {
    long start = System.nanoTime();
    Optional<Popped> popped = queue().popFirst(List.of("nothing"), Duration.ofMillis(200));

    assertThat(popped).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void popOfOneEmptyListReturnsNullAfterTheTimeoutAndAtOnceWithZero() throws Exception {
    VconQueue queue = queue();
    long start = System.nanoTime();
    assertThat(queue.pop("nothing", Duration.ofMillis(200))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(queue.pop("nothing", Duration.ZERO)).isNull();
    queue.push("nothing", "now-something");
    assertThat(queue.pop("nothing", Duration.ZERO)).isEqualTo("now-something");
  }

  @Test
  void popFirstOverSeveralListsWaitsForALateEntry() throws Exception {
    VconQueue queue = queue();
    Thread late =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              queue().push("b", "late");
            });
    late.start();
    try {
      assertThat(queue.popFirst(List.of("a", "b"), Duration.ofSeconds(10)))
          .contains(new Popped("b", "late"));
    } finally {
      late.join();
    }
  }

  @Test
  void lengthCountsTheEntriesOfOneList() {
    VconQueue queue = queue();
    assertThat(queue.length("in")).isZero();
    queue.push("in", "a");
    queue.push("in", "b");
    queue.push(VconQueue.deadLetterList("in"), "c");

    assertThat(queue.length("in")).isEqualTo(2);
    assertThat(queue.length("DLQ:in")).isEqualTo(1);
  }

  @Test
  void pushFrontPutsWorkBackAtTheHead() throws Exception {
    VconQueue queue = queue();
    queue.push("in", "b");
    queue.pushFront("in", "a");

    assertThat(queue.entries("in")).containsExactly("a", "b");
  }

  @Test
  void vconBodiesAreStoredAndReplacedByUuid() {
    VconQueue queue = queue();
    queue.putVcon("u1", "{\"v\":1}");
    queue.putVcon("u1", "{\"v\":2}");

    assertThat(queue.getVcon("u1")).contains("{\"v\":2}");
    assertThat(queue.getVcon("missing")).isEmpty();
  }

  @Test
  void contextsArePoppedOldestFirstPerListAndUuid() {
    VconQueue queue = queue();
    queue.pushContext("in", "u1", "{\"n\":1}", Duration.ofMinutes(1));
    queue.pushContext("in", "u1", "{\"n\":2}", Duration.ofMinutes(1));
    queue.pushContext("other", "u1", "{\"n\":3}", Duration.ofMinutes(1));

    assertThat(queue.popContext("in", "u1")).contains("{\"n\":1}");
    assertThat(queue.popContext("in", "u1")).contains("{\"n\":2}");
    assertThat(queue.popContext("in", "u1")).isEmpty();
    assertThat(queue.popContext("other", "u1")).contains("{\"n\":3}");
  }

  @Test
  void deadLettersMoveAppendsToTheDeadLetterList() throws Exception {
    VconQueue queue = queue();
    new DeadLetters(queue, System.err).move("bad", VconQueue.deadLetterList("in"));

    assertThat(queue.entries("DLQ:in")).containsExactly("bad");
  }

  @Test
  void concurrentPoppersTakeEachEntryExactlyOnce() throws Exception {
    VconQueue producer = queue();
    int count = 200;
    for (int i = 0; i < count; i++) {
      producer.push("in", "u" + i);
    }
    ExecutorService poppers = Executors.newFixedThreadPool(4);
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        // A separate handle per popper: like separate worker processes.
        VconQueue own = queue();
        done.add(
            poppers.submit(
                () -> {
                  Optional<Popped> popped;
                  while ((popped = own.popFirst(List.of("in"), Duration.ofMillis(200)))
                      .isPresent()) {
                    taken.add(popped.get().uuid());
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      poppers.shutdownNow();
    }
    assertThat(taken).hasSize(count).doesNotHaveDuplicates();
  }
}
