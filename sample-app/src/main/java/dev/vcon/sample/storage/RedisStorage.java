package dev.vcon.sample.storage;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import dev.vcon.sample.queue.RedisVconQueue;
import java.util.Map;

/**
 * Copies the vCon JSON to {@code <prefix><uuid>} (prefix option, default {@code stored:}) in the
 * Redis the queue uses. Only valid when the queue is Redis ({@code REDIS_URL} set).
 */
public final class RedisStorage implements Storage {

  private String name;
  private String prefix;
  private RedisVconQueue redis;

  @Override
  public void init(String name, Map<String, Object> options, ComponentContext context) {
    this.name = name;
    this.prefix = new Options(options).string("prefix").orElse("stored:");
    this.redis =
        context
            .redis()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the redis storage needs the Redis queue: set REDIS_URL"));
  }

  @Override
  public void save(String vconUuid) {
    String json =
        redis
            .getVcon(vconUuid)
            .orElseThrow(() -> new IllegalStateException("no vCon stored under " + vconUuid));
    redis.set(prefix + vconUuid, json);
  }

  @Override
  public String getName() {
    return name;
  }
}
