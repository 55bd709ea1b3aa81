package dev.vcon.sample.chain;

import dev.vcon.sample.storage.Storage;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * One configured chain, ready to run: its links and storages instantiated, its lists named. The
 * field {@code name} is read by tools that observe {@link ChainRequest#process()}.
 */
public final class ChainDetails {

  private final String name;
  private final List<NamedLink> links;
  private final List<String> ingressLists;
  private final List<Storage> storages;
  private final List<String> egressLists;

  /** Non-null when the chain's storages run in parallel ({@code parallel_storages: true}). */
  private final ExecutorService storageExecutor;

  public ChainDetails(
      String name,
      List<NamedLink> links,
      List<String> ingressLists,
      List<Storage> storages,
      List<String> egressLists,
      ExecutorService storageExecutor) {
    this.name = name;
    this.links = List.copyOf(links);
    this.ingressLists = List.copyOf(ingressLists);
    this.storages = List.copyOf(storages);
    this.egressLists = List.copyOf(egressLists);
    this.storageExecutor = storageExecutor;
  }

  public String getName() {
    return name;
  }

  public List<NamedLink> getLinks() {
    return links;
  }

  public List<String> getIngressLists() {
    return ingressLists;
  }

  public List<Storage> getStorages() {
    return storages;
  }

  public List<String> getEgressLists() {
    return egressLists;
  }

  public boolean isParallelStorages() {
    return storageExecutor != null;
  }

  ExecutorService storageExecutor() {
    return storageExecutor;
  }

  /** Stops the parallel-storage threads, if any. */
  public void close() {
    if (storageExecutor != null) {
      storageExecutor.shutdown();
    }
  }
}
