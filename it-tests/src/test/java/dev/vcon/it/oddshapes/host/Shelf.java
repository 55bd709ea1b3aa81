package dev.vcon.it.oddshapes.host;

/** Storages: a synchronized instance method and a static overload, primitive returns. */
public class Shelf {
  private int stored;

  public synchronized boolean put(String vconId, String name, char[] content) {
    stored += content.length;
    return stored > 0;
  }

  public static long put(String vconId, String name, long stamp) {
    return stamp + 1;
  }
}
