package dev.vcon.agent.core.expr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one entry of a host's map without changing the map.
 *
 * <p>{@code Map.get} is not always a pure read: an access-ordered {@link LinkedHashMap} moves the
 * entry to the end (changing the host's iteration order, or its LRU eviction), and a map that fills
 * in defaults on {@code get} inserts the key. So: {@code containsKey} first (a miss never reaches
 * {@code get}); for a {@code LinkedHashMap}, whose {@code get} may reorder, the entry is found by
 * iterating its entries, which does not; other maps are read by {@code get} only for a key they
 * already hold. A map that changes itself even on {@code containsKey} cannot be read without
 * change; none in the JDK does.
 */
public final class MapReads {

  private MapReads() {}

  /** The value held under {@code key}, or null when there is none. */
  public static Object peek(Map<?, ?> map, Object key) {
    if (!map.containsKey(key)) {
      return null;
    }
    if (map instanceof LinkedHashMap) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (key.equals(entry.getKey())) {
          return entry.getValue();
        }
      }
      return null;
    }
    return map.get(key);
  }
}
