package dev.vcon.sample.chain;

import dev.vcon.sample.link.Link;
import dev.vcon.sample.storage.Storage;
import dev.vcon.sample.vcon.InvalidVconException;
import dev.vcon.sample.vcon.VconValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One run of one chain over one vCon, as conserver's chain request: validate the vCon, run the
 * links in order (each returns the uuid to continue with, or null to halt), then the storages, then
 * forward the final uuid to every egress list ({@link Egress}).
 *
 * <p>The fields {@code chainDetails}, {@code vconId} and {@code context} are read by tools that
 * observe {@link #process()}; keep their names.
 */
public final class ChainRequest {

  private final ChainDetails chainDetails;

  /** The uuid popped from the ingress list; links may continue with another one. */
  private final String vconId;

  /** The upstream trace context stored by the producer, or null when there was none. */
  private final Map<String, Object> context;

  private final ChainEnvironment environment;

  public ChainRequest(
      ChainDetails chainDetails,
      String vconId,
      Map<String, Object> context,
      ChainEnvironment environment) {
    this.chainDetails = chainDetails;
    this.vconId = vconId;
    this.context = context;
    this.environment = environment;
  }

  public String getVconId() {
    return vconId;
  }

  public Map<String, Object> getContext() {
    return context;
  }

  /**
   * Runs the chain.
   *
   * @return how it ended: completed, or halted by a link
   * @throws InvalidVconException when the vCon is missing or malformed
   * @throws LinkFailedException when a link throws; the caller dead-letters the vCon
   */
  public ChainResult process() {
    String body =
        environment
            .queue()
            .getVcon(vconId)
            .orElseThrow(() -> new InvalidVconException(vconId, "no vCon stored under this uuid"));
    VconValidator.requireValid(vconId, body);

    String uuid = vconId;
    List<NamedLink> links = chainDetails.getLinks();
    for (int index = 0; index < links.size(); index++) {
      NamedLink link = links.get(index);
      String next = runLink(link.link(), uuid, link.name(), index);
      if (next == null) {
        // conserver: a falsy link result stops the chain before storages and egress.
        return ChainResult.halted(uuid, link.name());
      }
      uuid = next;
    }
    saveEverywhere(uuid);
    new Egress(environment.queue()).handOffToAll(chainDetails.getEgressLists(), uuid);
    return ChainResult.completed(uuid);
  }

  private String runLink(Link link, String uuid, String linkName, int index) {
    ChainStats stats = environment.stats();
    String next;
    try {
      next = link.run(uuid, linkName, index);
    } catch (RuntimeException e) {
      stats.linkError.increment();
      throw new LinkFailedException(chainDetails.getName(), linkName, index, uuid, e);
    }
    (next == null ? stats.linkHalt : stats.linkSuccess).increment();
    return next;
  }

  private void saveEverywhere(String uuid) {
    if (!chainDetails.isParallelStorages()) {
      for (Storage storage : chainDetails.getStorages()) {
        save(storage, uuid);
      }
      return;
    }
    List<Future<?>> writes = new ArrayList<>();
    for (Storage storage : chainDetails.getStorages()) {
      writes.add(chainDetails.storageExecutor().submit(() -> save(storage, uuid)));
    }
    for (Future<?> write : writes) {
      awaitUninterruptibly(write);
    }
  }

  /** conserver logs a failed storage write and goes on: the vCon still counts as processed. */
  private void save(Storage storage, String uuid) {
    try {
      storage.save(uuid);
      environment.stats().stored.increment();
    } catch (RuntimeException e) {
      environment.stats().storageFailed.increment();
      environment
          .log()
          .println(
              "vcon-storage-failed uuid="
                  + uuid
                  + " storage="
                  + storage.getName()
                  + " chain="
                  + chainDetails.getName()
                  + " reason="
                  + e);
    }
  }

  /**
   * A started write is always waited for, so the counts and the egress that follows see it; an
   * interrupt is kept for the caller to notice afterwards.
   */
  private static void awaitUninterruptibly(Future<?> write) {
    boolean interrupted = false;
    while (true) {
      try {
        write.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // save() catches RuntimeException itself; an Error here is a real bug.
        throw new IllegalStateException("storage task died", e.getCause());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
