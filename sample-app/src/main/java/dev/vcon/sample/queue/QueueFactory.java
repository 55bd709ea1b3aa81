package dev.vcon.sample.queue;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** Picks the queue as conserver deployments expect: Redis when REDIS_URL is set, else the spool. */
public final class QueueFactory {

  public static final String DEFAULT_SPOOL = "conserver-spool";

  private QueueFactory() {}

  /**
   * @param spoolDir the {@code --spool} option or {@code CONSERVER_SPOOL_DIR}, or null
   * @throws IllegalArgumentException when REDIS_URL is not a redis:// URL
   */
  public static VconQueue open(Map<String, String> environment, String spoolDir) {
    String redisUrl = environment.get("REDIS_URL");
    if (redisUrl != null && !redisUrl.isBlank()) {
      return new RedisVconQueue(redisUri(redisUrl.trim()));
    }
    return new SpoolVconQueue(Path.of(spoolDir == null ? DEFAULT_SPOOL : spoolDir));
  }

  static URI redisUri(String url) {
    try {
      URI uri = new URI(url);
      if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "REDIS_URL must look like redis://host:6379, not " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("REDIS_URL is not a URL: " + url, e);
    }
  }
}
