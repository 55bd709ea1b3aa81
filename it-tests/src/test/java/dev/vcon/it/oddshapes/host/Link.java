package dev.vcon.it.oddshapes.host;

/**
 * A generic link: an implementation with a concrete type has a bridge method beside the real one,
 * and a call through this interface goes through the bridge.
 */
public interface Link<T> {
  T transform(String vconId, String name, int index, T payload);
}
