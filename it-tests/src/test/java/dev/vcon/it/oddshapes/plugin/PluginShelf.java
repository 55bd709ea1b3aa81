package dev.vcon.it.oddshapes.plugin;

import dev.vcon.it.oddshapes.host.Shelf;

/** A storage of a plugin jar: overrides the host's synchronized {@code put}. */
public final class PluginShelf extends Shelf {
  private final String label = "plugin-label";
  private int count;

  @Override
  public synchronized boolean put(String vconId, String name, char[] content) {
    count += content.length;
    return count > 0;
  }

  public String label() {
    return label;
  }
}
