package dev.vcon.it.oddshapes.plugin;

/** An exception class of the plugin: its stack trace references plugin classes. */
public final class PluginFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginFailure(String message) {
    super(message);
  }
}
