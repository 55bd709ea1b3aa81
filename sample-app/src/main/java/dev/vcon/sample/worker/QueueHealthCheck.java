package dev.vcon.sample.worker;

import dev.vcon.sample.queue.VconQueue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The worker's periodic health check: every {@code interval} it asks the queue how long each
 * ingress list and its dead-letter list are, and logs a line when a list cannot be read. A backlog
 * shows up here before anywhere else.
 */
public final class QueueHealthCheck implements AutoCloseable {

  private final VconQueue queue;
  private final List<String> lists;
  private final PrintStream log;
  private final ScheduledExecutorService timer;

  /** Starts checking at once, then every {@code interval}, on a daemon thread. */
  public QueueHealthCheck(
      VconQueue queue, List<String> ingressLists, Duration interval, PrintStream log) {
    this.queue = queue;
    this.log = log;
    List<String> checked = new ArrayList<>();
    for (String ingress : ingressLists) {
      checked.add(ingress);
      checked.add(VconQueue.deadLetterList(ingress));
    }
    this.lists = List.copyOf(checked);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "vcon-queue-health");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round: the length of every checked list, in order. */
  long[] check() {
    long[] lengths = new long[lists.size()];
    for (int i = 0; i < lists.size(); i++) {
      try {
        lengths[i] = queue.length(lists.get(i));
      } catch (RuntimeException e) {
        // Any failure, not only an unreachable queue: a throw would end the scheduled checks.
        lengths[i] = -1;
        log.println("vcon-health list=" + lists.get(i) + " unreadable: " + e.getMessage());
      }
    }
    return lengths;
  }

  List<String> lists() {
    return lists;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
