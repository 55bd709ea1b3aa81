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
   * Removes and returns the head of the first non-empty list, in the order given (like BLPOP), or
   * empty when all stayed empty for {@code timeout}.
   */
  Optional<Popped> pop(List<String> lists, Duration timeout) throws InterruptedException;

  /** Appends at the tail (RPUSH). */
  void push(String list, String uuid);

  /** Puts back at the head (LPUSH): for work that was taken but never started. */
  void pushFront(String list, String uuid);

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

  /** Moves a vCon that could not be processed to {@code DLQ:<ingressList>}. */
  default void deadLetter(String ingressList, String uuid) {
    push(deadLetterList(ingressList), uuid);
  }

  static String deadLetterList(String ingressList) {
    return "DLQ:" + ingressList;
  }

  @Override
  void close();

  /** One entry taken from a list. */
  record Popped(String list, String uuid) {}
}
