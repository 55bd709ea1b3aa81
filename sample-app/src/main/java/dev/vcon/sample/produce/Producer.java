package dev.vcon.sample.produce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import dev.vcon.sample.vcon.VconFactory;
import java.time.Duration;

/**
 * Enqueues generated vCons the way an upstream adapter does: the body at {@code vcon:<uuid>},
 * optionally an upstream trace context (as an instrumented producer stores it), and only then the
 * uuid on the ingress list, so a worker never pops a uuid whose body or context is not there yet.
 */
public final class Producer {

  /** Where vCons come from when the caller does not say: newly created ones. */
  public static final String DEFAULT_SOURCE = "new";

  private final VconQueue queue;
  private final VconFactory factory;
  private final String source;

  public Producer(VconQueue queue, VconFactory factory) {
    this(queue, factory, DEFAULT_SOURCE);
  }

  /**
   * @param source where these vCons come from, as conserver's API distinguishes them: {@code new},
   *     {@code external}, {@code reingress}, {@code dlq_reprocess}
   */
  public Producer(VconQueue queue, VconFactory factory, String source) {
    this.queue = queue;
    this.factory = factory;
    this.source = source;
  }

  public String source() {
    return source;
  }

  public Produced produceOne(String ingressList, boolean withContext, Duration contextTtl) {
    ObjectNode vcon = factory.create();
    String uuid = vcon.get("uuid").asText();
    queue.putVcon(uuid, Json.write(vcon));
    Produced produced = new Produced(uuid, null, null);
    if (withContext) {
      ObjectNode context = factory.upstreamContext();
      queue.pushContext(ingressList, uuid, Json.write(context), contextTtl);
      produced =
          new Produced(uuid, context.get("trace_id").asText(), context.get("span_id").asText());
    }
    enqueue(ingressList, uuid);
    return produced;
  }

  /** Hands a stored vCon to the workers: its uuid goes to the tail of the ingress list. */
  public void enqueue(String ingressList, String uuid) {
    queue.push(ingressList, uuid);
  }

  /** One produced vCon; trace and span ids are null without {@code --with-context}. */
  public record Produced(String uuid, String traceId, String spanId) {

    /** {@code <uuid>}, or {@code <uuid> <trace_id> <span_id>} when a context was stored. */
    public String line() {
      return traceId == null ? uuid : uuid + " " + traceId + " " + spanId;
    }

    /** Reads back a {@link #line()}, as tests and scripts do. */
    public static Produced parse(String line) {
      String[] parts = line.trim().split("\\s+");
      return parts.length >= 3
          ? new Produced(parts[0], parts[1], parts[2])
          : new Produced(parts[0], null, null);
    }
  }
}
