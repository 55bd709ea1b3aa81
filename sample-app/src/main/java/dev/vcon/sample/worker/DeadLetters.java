package dev.vcon.sample.worker;

import dev.vcon.sample.queue.QueueUnavailableException;
import dev.vcon.sample.queue.VconQueue;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Moves vCons whose chain failed to a dead-letter list ({@code DLQ:<ingress>}, as conserver names
 * them), retrying until the list takes them: a failed vCon must never be lost.
 */
public final class DeadLetters {

  private final VconQueue queue;
  private final PrintStream log;

  public DeadLetters(VconQueue queue, PrintStream log) {
    this.queue = queue;
    this.log = log;
  }

  /**
   * Appends {@code uuid} to the dead-letter list {@code dlq}; returns once it is there.
   *
   * @throws InterruptedException when interrupted while waiting to retry: the vCon was not moved
   */
  public void move(String uuid, String dlq) throws InterruptedException {
    Backoff backoff = new Backoff(250, 5_000);
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        queue.push(dlq, uuid);
        return;
      } catch (QueueUnavailableException e) {
        backoff.failedThenWait("dead-letter " + uuid, e, log, never);
      }
    }
  }
}
