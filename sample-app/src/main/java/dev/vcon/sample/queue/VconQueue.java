package dev.vcon.sample.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The shared state every worker process works from, with conserver's logical layout: named FIFO
 * lists of vCon uuids (ingress, egress, {@code DLQ:<ingress>}), vCon bodies by uuid, and upstream
 * trace contexts kept per (list, uuid). Two implementations behave the same: {@link RedisVconQueue}
 * and the server-less {@link SpoolVconQueue}.
 *
 * <p>Every method may throw {@link QueueUnavailableException} when the backing store cannot be
 * reached; callers decide whether to retry.
 */
public interface VconQueue extends AutoCloseable {

  /** {@code redis} or {@code spool}: printed in the worker start line. */
  String kind();

  /** Fails with {@link QueueUnavailableException} when the store cannot be reached. */
  void ping();

  /**
   * Removes and returns the head of {@code list} (BLPOP on one key), waiting up to {@code timeout}
   * for one to arrive; {@code null} when the list stayed empty. {@link Duration#ZERO} does not wait
   * (LPOP).
   */
  String pop(String list, Duration timeout) throws InterruptedException;

  /**
   * Removes and returns the head of the first non-empty list, in the order given, or empty when all
   * stayed empty for {@code timeout}. One list is one blocking {@link #pop(String, Duration)};
   * several are polled without waiting, in order, with short pauses between rounds.
   */
  default Optional<Popped> popFirst(List<String> lists, Duration timeout)
      throws InterruptedException {
    if (lists.size() == 1) {
      String uuid = pop(lists.get(0), timeout);
      return uuid == null ? Optional.empty() : Optional.of(new Popped(lists.get(0), uuid));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMillis = 5;
    while (true) {
      for (String list : lists) {
        String uuid = pop(list, Duration.ZERO);
        if (uuid != null) {
          return Optional.of(new Popped(list, uuid));
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      Thread.sleep(Math.min(pauseMillis, Math.max(1, left / 1_000_000)));
      pauseMillis = Math.min(100, pauseMillis * 2);
    }
  }

  /** Appends at the tail (RPUSH). */
  void push(String list, String uuid);

  /** Puts back at the head (LPUSH): for work that was taken but never started. */
  void pushFront(String list, String uuid);

  /** How many entries the list holds (LLEN), as a health check asks. */
  long length(String list);

  /** The list's entries, head first, without removing them (LRANGE 0 -1). */
  List<String> entries(String list);

  Optional<String> getVcon(String uuid);

  void putVcon(String uuid, String json);

  /**
   * Appends an upstream context for the vCon {@code uuid} on {@code list}; it expires after ttl.
   */
  void pushContext(String list, String uuid, String contextJson, Duration ttl);

  /** Removes and returns the oldest unexpired context stored for (list, uuid) (LPOP). */
  Optional<String> popContext(String list, String uuid);

  /** Where vCons that failed on {@code ingressList} go: {@code DLQ:<ingressList>}. */
  static String deadLetterList(String ingressList) {
    return "DLQ:" + ingressList;
  }

  @Override
  void close();

  /** One entry taken from a list. */
  record Popped(String list, String uuid) {}
}
