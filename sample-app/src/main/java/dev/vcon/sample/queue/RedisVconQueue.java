package dev.vcon.sample.queue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.KeyValue;

/**
 * conserver's Redis layout: lists popped with BLPOP, the vCon JSON as a plain string at {@code
 * vcon:<uuid>}, upstream contexts as JSON entries of the list {@code context:<list>:<uuid>}.
 */
public final class RedisVconQueue implements VconQueue {

  private final URI uri;
  private final RedisClient client;

  public RedisVconQueue(URI uri) {
    this.uri = uri;
    this.client = RedisClient.create(uri);
  }

  public static String vconKey(String uuid) {
    return "vcon:" + uuid;
  }

  public static String contextKey(String list, String uuid) {
    return "context:" + list + ":" + uuid;
  }

  @Override
  public String kind() {
    return "redis";
  }

  @Override
  public void ping() {
    call(client::ping);
  }

  @Override
  public String pop(String list, Duration timeout) {
    if (timeout.isZero()) {
      return call(() -> client.lpop(list));
    }
    // BLPOP takes fractional seconds; 0 would mean "block forever", which would stall shutdown.
    double seconds = Math.max(0.01, timeout.toMillis() / 1000.0);
    KeyValue<String, String> popped = call(() -> client.blpop(seconds, list));
    return popped == null ? null : popped.getValue();
  }

  @Override
  public void push(String list, String uuid) {
    call(() -> client.rpush(list, uuid));
  }

  @Override
  public void pushFront(String list, String uuid) {
    call(() -> client.lpush(list, uuid));
  }

  @Override
  public long length(String list) {
    return call(() -> client.llen(list));
  }

  @Override
  public List<String> entries(String list) {
    return call(() -> client.lrange(list, 0, -1));
  }

  @Override
  public Optional<String> getVcon(String uuid) {
    return Optional.ofNullable(call(() -> client.get(vconKey(uuid))));
  }

  @Override
  public void putVcon(String uuid, String json) {
    call(() -> client.set(vconKey(uuid), json));
  }

  @Override
  public void pushContext(String list, String uuid, String contextJson, Duration ttl) {
    String key = contextKey(list, uuid);
    call(() -> client.rpush(key, contextJson));
    call(() -> client.expire(key, Math.max(1, ttl.toSeconds())));
  }

  @Override
  public Optional<String> popContext(String list, String uuid) {
    return Optional.ofNullable(call(() -> client.lpop(contextKey(list, uuid))));
  }

  /** Plain SET, for the {@code redis} storage. */
  public void set(String key, String value) {
    call(() -> client.set(key, value));
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(call(() -> client.get(key)));
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (JedisConnectionException e) {
      throw new QueueUnavailableException(
          "Redis at " + uri.getHost() + ":" + uri.getPort() + " unreachable: " + e.getMessage(), e);
    }
  }
}
