package dev.vcon.agent.core.tracking;

import static dev.vcon.agent.core.pipeline.ConserverMetrics.INGRESS_LIST;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.KIND;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.QUEUE_NAME;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.SOURCE;

import io.opentelemetry.api.common.Attributes;

/**
 * The attribute sets of the queue metrics, built once per list (and source or kind) and reused.
 * List names are configuration in a real service, so few; a value longer than {@link #MAX_LENGTH}
 * is cut (the SDK's attribute limits apply to spans, not to metric points), and past the caches'
 * capacity sets are built per call rather than kept, so memory stays bounded whatever the host
 * passes.
 */
final class QueueAttributes {

  /** Longest attribute value kept: queue names and sources are short identifiers. */
  static final int MAX_LENGTH = 256;

  /** conserver's prefix for the dead-letter list of an ingress list. */
  static final String DLQ_PREFIX = "DLQ:";

  static final String INGRESS = "ingress";
  static final String DLQ = "dlq";

  private static final int NAMES = 1024;

  private final BoundedCache<String, Attributes> received =
      new BoundedCache<>(NAMES, list -> Attributes.of(INGRESS_LIST, list));
  private final BoundedCache<String, Attributes> deadLettered =
      new BoundedCache<>(NAMES, queue -> Attributes.of(QUEUE_NAME, queue));
  private final BoundedCache<String, BoundedCache<String, Attributes>> enqueued =
      new BoundedCache<>(
          NAMES,
          list ->
              new BoundedCache<>(64, source -> Attributes.of(INGRESS_LIST, list, SOURCE, source)));
  private final BoundedCache<String, BoundedCache<String, Attributes>> length =
      new BoundedCache<>(
          NAMES,
          list -> new BoundedCache<>(8, kind -> Attributes.of(INGRESS_LIST, list, KIND, kind)));

  static String bounded(String value) {
    return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
  }

  /** {@code conserver.main_loop.count_vcons_received}: {@code ingress_list}. */
  Attributes received(String list) {
    return received.get(bounded(list));
  }

  /** {@code conserver.dlq.count}: {@code queue_name}, the dead-letter list itself. */
  Attributes deadLettered(String queue) {
    return deadLettered.get(bounded(queue));
  }

  /** {@code conserver.api.count_vcons_enqueued}: {@code ingress_list}, {@code source}. */
  Attributes enqueued(String list, String source) {
    return enqueued.get(bounded(list)).get(bounded(source));
  }

  /**
   * {@code conserver.ingress_list.length}: {@code ingress_list} and {@code kind}. Without a kind, a
   * list named {@code DLQ:<list>} is the dead-letter list of {@code <list>} (as conserver reports
   * it: the ingress list's name, kind {@code dlq}); any other list is an ingress list.
   */
  Attributes length(String queue, String kind) {
    if (kind == null || kind.isEmpty()) {
      boolean dlq = queue.startsWith(DLQ_PREFIX) && queue.length() > DLQ_PREFIX.length();
      return length
          .get(bounded(dlq ? queue.substring(DLQ_PREFIX.length()) : queue))
          .get(dlq ? DLQ : INGRESS);
    }
    return length.get(bounded(queue)).get(bounded(kind));
  }
}
