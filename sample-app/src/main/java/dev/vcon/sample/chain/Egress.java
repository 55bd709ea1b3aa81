package dev.vcon.sample.chain;

import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands a processed vCon on to an egress list, as conserver does after a chain: the trace context
 * headers, when there are any, are stored beside it ({@code context:<list>:<uuid>}, read back by
 * the next chain as its upstream context), then the uuid is pushed.
 *
 * <p>The app itself has no telemetry code: it passes an empty, mutable header map, which tools that
 * observe {@link #handOff} may fill before the body runs. Keep the signature.
 */
public final class Egress {

  /** How long a stored context waits for the next chain, as the producer's default. */
  static final Duration CONTEXT_TTL = Duration.ofHours(1);

  private final VconQueue queue;

  public Egress(VconQueue queue) {
    this.queue = queue;
  }

  /** Hands {@code vconId} on to every list, each with its own fresh header map. */
  public void handOffToAll(Iterable<String> lists, String vconId) {
    for (String list : lists) {
      handOff(list, vconId, new HashMap<>());
    }
  }

  /**
   * Stores {@code headers} (if any) beside the vCon for the chain reading {@code list}, then pushes
   * the uuid, so that chain never pops a uuid whose context is not there yet.
   */
  public void handOff(String list, String vconId, Map<String, String> headers) {
    if (!headers.isEmpty()) {
      queue.pushContext(list, vconId, Json.write(headers), CONTEXT_TTL);
    }
    queue.push(list, vconId);
  }
}
