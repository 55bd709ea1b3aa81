package dev.vcon.it.chain.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One vCon's chain run ({@code ...host.ChainRequest#process}; name {@code this.chainDetails.name},
 * id {@code this.vconId} through {@link #getVconId()}, context {@code this.context}, a field).
 *
 * <p>{@link #process()} delegates to the matched overload {@link #process(int)}: one run. Links run
 * in order until one halts (null, FALSE, "", empty Optional); then the storages, the synchronous
 * ones on the caller's thread, the others submitted to an executor (another thread) and awaited; a
 * storage failure is kept in {@link #storageErrors}, a link failure propagates. A link added with
 * {@link #linkOn} runs on an executor's thread too.
 */
public class ChainRequest {
  private final String vconId;
  private final Object chainDetails;
  private final Object context;
  private final Map<String, Link<?>> links = new LinkedHashMap<>();
  private final Map<String, ExecutorService> linkExecutors = new LinkedHashMap<>();
  private final List<Storage> storages = new ArrayList<>();
  private final List<Storage> asyncStorages = new ArrayList<>();
  private ExecutorService executor;

  /** What each link returned, in order, exactly as returned. */
  public final List<Object> linkResults = Collections.synchronizedList(new ArrayList<>());

  /** The causes of failed asynchronous storage writes, exactly as thrown. */
  public final List<Throwable> storageErrors = Collections.synchronizedList(new ArrayList<>());

  public ChainRequest(String vconId, Object chainDetails, Object context) {
    this.vconId = vconId;
    this.chainDetails = chainDetails;
    this.context = context;
  }

  public ChainRequest link(String name, Link<?> link) {
    links.put(name, link);
    return this;
  }

  /** A link that runs on {@code on}'s thread while this run waits for it. */
  public ChainRequest linkOn(ExecutorService on, String name, Link<?> link) {
    linkExecutors.put(name, on);
    return link(name, link);
  }

  public ChainRequest store(Storage storage) {
    storages.add(storage);
    return this;
  }

  public ChainRequest storeAsync(Storage storage, ExecutorService on) {
    asyncStorages.add(storage);
    executor = on;
    return this;
  }

  public String getVconId() {
    return vconId;
  }

  public String process() {
    return process(0);
  }

  public String process(int firstLink) {
    int index = 0;
    for (Map.Entry<String, Link<?>> entry : links.entrySet()) {
      if (index < firstLink) {
        index++;
        continue;
      }
      Object result = runLink(entry.getKey(), entry.getValue(), index);
      linkResults.add(result);
      if (halts(result)) {
        return "halted:" + vconId + ":" + entry.getKey();
      }
      index++;
    }
    for (Storage storage : storages) {
      storage.save(vconId);
    }
    for (Storage storage : asyncStorages) {
      Future<?> write = executor.submit(() -> storage.save(vconId));
      try {
        write.get();
      } catch (ExecutionException e) {
        storageErrors.add(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return "completed:" + vconId + ":" + index;
  }

  private Object runLink(String name, Link<?> link, int index) {
    ExecutorService on = linkExecutors.get(name);
    if (on == null) {
      return link.run(vconId, name, index);
    }
    try {
      return on.submit(() -> link.run(vconId, name, index)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean halts(Object result) {
    return result == null
        || Boolean.FALSE.equals(result)
        || "".equals(result)
        || (result instanceof Optional && ((Optional<?>) result).isEmpty());
  }
}
