package dev.vcon.sample.support;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.storage.Storage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A storage that remembers what it saved and on which thread; {@code fail: true} makes it throw.
 */
public final class RecordingStorage implements Storage {

  private String name;
  private boolean fail;
  public final List<String> saved = new CopyOnWriteArrayList<>();
  public final List<String> threads = new CopyOnWriteArrayList<>();

  public static RecordingStorage named(String name, boolean fail) {
    RecordingStorage storage = new RecordingStorage();
    storage.init(name, Map.of("fail", fail), null);
    return storage;
  }

  @Override
  public void init(String name, Map<String, Object> options, ComponentContext context) {
    this.name = name;
    this.fail = Boolean.TRUE.equals(options.get("fail"));
  }

  @Override
  public void save(String vconUuid) {
    threads.add(Thread.currentThread().getName());
    if (fail) {
      throw new IllegalStateException("storage " + name + " is down");
    }
    saved.add(vconUuid);
  }

  @Override
  public String getName() {
    return name;
  }
}
