package dev.vcon.agent.core.tracking;

import static dev.vcon.agent.core.pipeline.ConserverMetrics.BACKEND;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.CHAIN_NAME;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.LINK_NAME;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.LINK_NAME_UNDERSCORED;
import static dev.vcon.agent.core.pipeline.ConserverMetrics.OUTCOME;

import io.opentelemetry.api.common.Attributes;

/**
 * The attribute sets (keys from {@link dev.vcon.agent.core.pipeline.ConserverMetrics}) and span
 * names of the hot path, built once per chain, link or backend name (and outcome) and reused, so a
 * chain run allocates none of them.
 */
final class MetricAttributes {

  /** Names cached per kind; a real service has tens. */
  static final int NAMES = 256;

  /** Links cached with their chain names, and chain names per link: at most 64 x 16 pairs. */
  static final int LINKS_WITH_CHAINS = 64;

  static final int CHAINS_PER_LINK = 16;

  private final BoundedCache<String, Attributes> chain =
      new BoundedCache<>(NAMES, name -> Attributes.of(CHAIN_NAME, name));
  private final BoundedCache<String, String> chainSpan =
      new BoundedCache<>(NAMES, name -> "vcon_processing." + name);
  private final BoundedCache<String, String> linkSpan =
      new BoundedCache<>(NAMES, name -> "link." + name);
  private final BoundedCache<String, String> storageSpan =
      new BoundedCache<>(NAMES, name -> "storage." + name);
  private final BoundedCache<String, Attributes[]> linkCount =
      new BoundedCache<>(
          NAMES,
          name ->
              new Attributes[] {
                Attributes.of(LINK_NAME_UNDERSCORED, name, OUTCOME, Outcomes.SUCCESS),
                Attributes.of(LINK_NAME_UNDERSCORED, name, OUTCOME, Outcomes.HALT),
                Attributes.of(LINK_NAME_UNDERSCORED, name, OUTCOME, Outcomes.ERROR)
              });
  private final BoundedCache<String, BoundedCache<String, Attributes>> linkTime =
      new BoundedCache<>(
          LINKS_WITH_CHAINS,
          link ->
              new BoundedCache<>(
                  CHAINS_PER_LINK,
                  chainName -> Attributes.of(LINK_NAME, link, CHAIN_NAME, chainName)));
  private final BoundedCache<String, Attributes[]> storage =
      new BoundedCache<>(
          NAMES,
          backend ->
              new Attributes[] {
                Attributes.of(BACKEND, backend, OUTCOME, Outcomes.SUCCESS),
                Attributes.of(BACKEND, backend, OUTCOME, Outcomes.ERROR)
              });

  Attributes chain(String chainName) {
    return chain.get(chainName);
  }

  String chainSpanName(String chainName) {
    return chainSpan.get(chainName);
  }

  String linkSpanName(String linkName) {
    return linkSpan.get(linkName);
  }

  String storageSpanName(String storageName) {
    return storageSpan.get(storageName);
  }

  Attributes linkCount(String linkName, String outcome) {
    Attributes[] byOutcome = linkCount.get(linkName);
    return Outcomes.SUCCESS.equals(outcome)
        ? byOutcome[0]
        : Outcomes.HALT.equals(outcome) ? byOutcome[1] : byOutcome[2];
  }

  Attributes linkTime(String linkName, String chainName) {
    return linkTime.get(linkName).get(chainName);
  }

  Attributes storage(String backend, String outcome) {
    Attributes[] byOutcome = storage.get(backend);
    return Outcomes.SUCCESS.equals(outcome) ? byOutcome[0] : byOutcome[1];
  }

  /** Entries held across every cache, for the test that memory stays bounded. */
  int entries() {
    return chain.size()
        + chainSpan.size()
        + linkSpan.size()
        + storageSpan.size()
        + linkCount.size()
        + linkTime.size()
        + pairs()
        + storage.size();
  }

  private int pairs() {
    int pairs = 0;
    for (BoundedCache<String, Attributes> chains : linkTime.values()) {
      pairs += chains.size();
    }
    return pairs;
  }
}
