package dev.vcon.agent.core.tracking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A lock-free memo for values derived from host strings (span names, attribute sets). Chain, link
 * and backend names are few in a real service; past the cap, values are computed per call rather
 * than letting a misconfigured expression grow memory without bound. Keys are already cut to the
 * value length limit ({@link dev.vcon.agent.core.expr.ValueText}), so the bytes held are bounded
 * too. The size check and the insert race, so a burst may overshoot by at most the number of
 * threads inserting at once.
 */
final class BoundedCache<K, V> {

  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
  private final int capacity;
  private final Function<K, V> compute;

  BoundedCache(int capacity, Function<K, V> compute) {
    this.capacity = capacity;
    this.compute = compute;
  }

  V get(K key) {
    V value = values.get(key);
    if (value != null) {
      return value;
    }
    value = compute.apply(key);
    if (values.size() < capacity) {
      V raced = values.putIfAbsent(key, value);
      if (raced != null) {
        return raced;
      }
    }
    return value;
  }

  /** Entries held now; never more than the capacity. */
  int size() {
    return values.size();
  }

  /** The values held now, a live view. */
  java.util.Collection<V> values() {
    return values.values();
  }
}
