package dev.vcon.it.chain.host;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Storage implementations; their names are read by {@code this.name} in three different ways. */
public final class Storages {
  private Storages() {}

  /**
   * Name through {@code getName()}. {@code save(String)} delegates to the overload {@code
   * save(String, byte[])}, which the selector also matches: one write, one span.
   */
  public static final class MemoryStorage implements Storage {
    private final String name;
    private final List<String> saved = Collections.synchronizedList(new ArrayList<>());

    public MemoryStorage(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public List<String> saved() {
      return saved;
    }

    @Override
    public void save(String vconId) {
      save(vconId, vconId.getBytes(StandardCharsets.UTF_8));
    }

    public void save(String vconId, byte[] payload) {
      saved.add(vconId + ":" + payload.length + ":" + Thread.currentThread().getName());
    }
  }

  /** Name through the record accessor {@code name()}. */
  public record ListStorage(String name, List<String> saved) implements Storage {
    @Override
    public void save(String vconId) {
      saved.add(vconId + ":" + Thread.currentThread().getName());
    }
  }

  /** Thrown by {@link FailingStorage}; the host checks it gets this very object back. */
  public static final class StorageFailure extends RuntimeException {
    public StorageFailure(String message) {
      super(message);
    }
  }

  /** Name through a private field only; every write fails. */
  public static final class FailingStorage implements Storage {
    public static volatile StorageFailure lastThrown;
    private final String name;

    public FailingStorage(String name) {
      this.name = name;
    }

    @Override
    public void save(String vconId) {
      StorageFailure failure = new StorageFailure("storage " + name + " rejected " + vconId);
      lastThrown = failure;
      throw failure;
    }
  }

  /** Takes its time (a fixed sleep), for the duration unit checks; name through getName(). */
  public static final class SleepingStorage implements Storage {
    private final String name;
    private final long millis;

    public SleepingStorage(String name, long millis) {
      this.name = name;
      this.millis = millis;
    }

    public String getName() {
      return name;
    }

    @Override
    public void save(String vconId) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
