package dev.vcon.it.oddshapes.plugin;

import dev.vcon.it.oddshapes.host.Step;

/**
 * The plugin's own supertype of {@link PluginStep}: when that class is defined, the agent finds
 * that it is a link by reading this class file from the plugin jar.
 */
public abstract class PluginBase implements Step {
  @Override
  public String key() {
    return "plugin";
  }
}
