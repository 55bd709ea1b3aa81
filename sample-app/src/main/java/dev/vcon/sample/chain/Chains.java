package dev.vcon.sample.chain;

import dev.vcon.sample.config.ChainSpec;
import dev.vcon.sample.config.ComponentSpec;
import dev.vcon.sample.config.ConfigException;
import dev.vcon.sample.config.ConserverConfig;
import dev.vcon.sample.link.Link;
import dev.vcon.sample.storage.Storage;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The enabled chains of a configuration, instantiated: one link or storage instance per configured
 * name, shared by every chain and thread that uses it.
 */
public final class Chains implements AutoCloseable {

  private final Map<String, ChainDetails> byIngress;

  private Chains(Map<String, ChainDetails> byIngress) {
    this.byIngress = byIngress;
  }

  /**
   * Instantiates and initialises every component the enabled chains use.
   *
   * @param concurrency vCons run at once; sizes the parallel-storage executors
   * @throws ConfigException naming the component when its class or options are rejected
   */
  public static Chains build(ConserverConfig config, ComponentContext context, int concurrency) {
    Map<String, Link> links = new LinkedHashMap<>();
    Map<String, Storage> storages = new LinkedHashMap<>();
    Map<String, ChainDetails> byIngress = new LinkedHashMap<>();
    for (ChainSpec chain : config.chains().values()) {
      if (!chain.enabled()) {
        continue;
      }
      List<NamedLink> chainLinks = new ArrayList<>();
      for (String name : chain.links()) {
        Link link =
            links.computeIfAbsent(
                name, n -> newLink(config.source(), config.links().get(n), context));
        chainLinks.add(new NamedLink(name, link));
      }
      List<Storage> chainStorages = new ArrayList<>();
      for (String name : chain.storages()) {
        chainStorages.add(
            storages.computeIfAbsent(
                name, n -> newStorage(config.source(), config.storages().get(n), context)));
      }
      ExecutorService storageExecutor =
          chain.parallelStorages() && !chainStorages.isEmpty()
              ? Executors.newFixedThreadPool(
                  Math.min(64, chainStorages.size() * concurrency),
                  daemonThreads("storage-" + chain.name()))
              : null;
      ChainDetails details =
          new ChainDetails(
              chain.name(),
              chainLinks,
              chain.ingressLists(),
              chainStorages,
              chain.egressLists(),
              storageExecutor);
      chain.ingressLists().forEach(list -> byIngress.put(list, details));
    }
    return new Chains(byIngress);
  }

  /** Every ingress list with a chain, in configuration order: the lists a worker pops. */
  public List<String> ingressLists() {
    return List.copyOf(byIngress.keySet());
  }

  public ChainDetails forIngress(String list) {
    ChainDetails details = byIngress.get(list);
    if (details == null) {
      throw new IllegalArgumentException("no chain reads list " + list);
    }
    return details;
  }

  @Override
  public void close() {
    byIngress.values().stream().distinct().forEach(ChainDetails::close);
  }

  private static Link newLink(String source, ComponentSpec spec, ComponentContext context) {
    Link link = instantiate(source, spec, Link.class);
    try {
      link.init(spec.options(), context);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, spec.line(), spec.key() + ".options", e.getMessage());
    }
    return link;
  }

  private static Storage newStorage(String source, ComponentSpec spec, ComponentContext context) {
    Storage storage = instantiate(source, spec, Storage.class);
    try {
      storage.init(spec.name(), spec.options(), context);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source, spec.line(), spec.key() + ".options", e.getMessage());
    }
    return storage;
  }

  private static <T> T instantiate(String source, ComponentSpec spec, Class<T> type) {
    try {
      Class<?> implementation = Class.forName(spec.className());
      return type.cast(implementation.getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new ConfigException(
          source,
          spec.line(),
          spec.key() + ".class",
          "cannot create "
              + spec.className()
              + " (it needs a public no-argument constructor): "
              + cause);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
