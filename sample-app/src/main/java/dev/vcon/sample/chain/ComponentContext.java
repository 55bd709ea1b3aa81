package dev.vcon.sample.chain;

import dev.vcon.sample.queue.RedisVconQueue;
import dev.vcon.sample.queue.VconQueue;
import java.io.PrintStream;
import java.util.Optional;

/** What links and storages may use: the shared store, and stdout for the {@code log} storage. */
public record ComponentContext(VconQueue queue, PrintStream out) {

  /** The Redis connection, when the queue is Redis; the {@code redis} storage needs it. */
  public Optional<RedisVconQueue> redis() {
    return queue instanceof RedisVconQueue redis ? Optional.of(redis) : Optional.empty();
  }
}
