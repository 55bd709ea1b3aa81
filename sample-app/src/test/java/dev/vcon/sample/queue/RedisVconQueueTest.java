package dev.vcon.sample.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.storage.RedisStorage;
import dev.vcon.sample.support.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

class RedisVconQueueTest extends VconQueueContract {

  @TempDir static Path redisDir;

  static RedisServer redis;

  private final List<VconQueue> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.startOrSkip(redisDir);
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void flushAndClose() {
    try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
      client.flushAll();
    }
    opened.forEach(VconQueue::close);
  }

  @Override
  VconQueue queue() {
    VconQueue queue = new RedisVconQueue(URI.create(redis.url()));
    opened.add(queue);
    return queue;
  }

  /** The server's count of clients blocked in BLPOP (no other client blocks in these tests). */
  @Override
  boolean isWaitingInPop(Thread popper) {
    try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
      return client.info("clients").contains("blocked_clients:1");
    }
  }

  @Test
  void usesConserversKeyLayout() {
    VconQueue queue = queue();
    queue.putVcon("u1", "{}");
    queue.pushContext("in", "u1", "{\"trace_id\":\"x\"}", Duration.ofSeconds(30));

    try (RedisClient client = RedisClient.create(URI.create(redis.url()))) {
      assertThat(client.get("vcon:u1")).isEqualTo("{}");
      assertThat(client.lrange("context:in:u1", 0, -1)).containsExactly("{\"trace_id\":\"x\"}");
      assertThat(client.ttl("context:in:u1")).isBetween(1L, 30L);
    }
  }

  @Test
  void theRedisStorageCopiesTheVconUnderItsPrefix() {
    RedisVconQueue queue = (RedisVconQueue) queue();
    queue.putVcon("u1", "{\"uuid\":\"u1\"}");
    RedisStorage storage = new RedisStorage();
    storage.init("redis", Map.of(), new ComponentContext(queue, System.out));

    storage.save("u1");

    assertThat(queue.get("stored:u1")).contains("{\"uuid\":\"u1\"}");
    assertThat(storage.getName()).isEqualTo("redis");
  }

  @Test
  void theRedisStorageIsRejectedWithoutARedisQueue(@TempDir Path spool) {
    RedisStorage storage = new RedisStorage();
    ComponentContext spoolOnly = new ComponentContext(new SpoolVconQueue(spool), System.out);

    assertThatThrownBy(() -> storage.init("redis", Map.of(), spoolOnly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REDIS_URL");
  }

  @Test
  void unreachableServerIsReportedAsQueueUnavailable() {
    try (VconQueue queue = new RedisVconQueue(URI.create("redis://127.0.0.1:1"))) {
      assertThatThrownBy(queue::ping)
          .isInstanceOf(QueueUnavailableException.class)
          .hasMessageContaining("unreachable");
    }
  }
}
