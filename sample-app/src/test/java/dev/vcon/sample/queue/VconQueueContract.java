package dev.vcon.sample.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The behaviour both queues promise; each implementation's test runs it. */
abstract class VconQueueContract {

  /** Only turns a hang into a failure: no assertion here depends on how long anything took. */
  static final Duration HANG_GUARD = Duration.ofMinutes(1);

  /** A fresh, empty queue; each call on the same test gives another handle to the same store. */
  abstract VconQueue queue();

  /** Whether {@code popper} is inside a pop, waiting for an entry (as the store shows it). */
  abstract boolean isWaitingInPop(Thread popper);

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
  void popOnEmptyListsReturnsEmptyWhenTheTimeoutEnds() throws Exception {
    VconQueue queue = queue();
    ExecutorService popper = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Popped>> popped =
          popper.submit(() -> queue.popFirst(List.of("nothing"), Duration.ofMillis(200)));

      assertThat(popped.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isEmpty();
    } finally {
      popper.shutdownNow();
    }
  }

  @Test
  void popWaitsForAnEntryPushedWhileItWaits() throws Exception {
    VconQueue queue = queue();
    AtomicReference<Thread> popperThread = new AtomicReference<>();
    ExecutorService popper = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Popped>> popped =
          popper.submit(
              () -> {
                popperThread.set(Thread.currentThread());
                return queue.popFirst(List.of("in"), HANG_GUARD.multipliedBy(2));
              });
      await()
          .atMost(HANG_GUARD)
          .until(() -> popperThread.get() != null && isWaitingInPop(popperThread.get()));

      queue().push("in", "late");

      assertThat(popped.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
          .contains(new Popped("in", "late"));
    } finally {
      popper.shutdownNow();
    }
  }

  @Test
  void popOfOneEmptyListReturnsNullWhenTheTimeoutEndsAndAtOnceWithZero() throws Exception {
    VconQueue queue = queue();
    ExecutorService popper = Executors.newSingleThreadExecutor();
    try {
      Future<String> popped = popper.submit(() -> queue.pop("nothing", Duration.ofMillis(200)));

      assertThat(popped.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isNull();
    } finally {
      popper.shutdownNow();
    }
    assertThat(queue.pop("nothing", Duration.ZERO)).isNull();
    queue.push("nothing", "now-something");
    assertThat(queue.pop("nothing", Duration.ZERO)).isEqualTo("now-something");
  }

  @Test
  void popFirstOverSeveralListsWaitsForAnEntryPushedWhileItWaits() throws Exception {
    VconQueue queue = queue();
    AtomicReference<Thread> popperThread = new AtomicReference<>();
    ExecutorService popper = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Popped>> popped =
          popper.submit(
              () -> {
                popperThread.set(Thread.currentThread());
                return queue.popFirst(List.of("a", "b"), HANG_GUARD.multipliedBy(2));
              });
      // Between rounds over several lists the popper pauses (sleeps).
      await()
          .atMost(HANG_GUARD)
          .until(
              () ->
                  popperThread.get() != null
                      && popperThread.get().getState() == Thread.State.TIMED_WAITING);

      queue().push("b", "late");

      assertThat(popped.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
          .contains(new Popped("b", "late"));
    } finally {
      popper.shutdownNow();
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
