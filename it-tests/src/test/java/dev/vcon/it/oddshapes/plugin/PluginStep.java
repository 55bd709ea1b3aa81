package dev.vcon.it.oddshapes.plugin;

/**
 * A link of a plugin jar, defined by a class loader the host makes at run time. A body of "fail"
 * throws {@link PluginFailure}, a class of the plugin too.
 */
public final class PluginStep extends PluginBase {
  @Override
  public String apply(String vconId, String name, int index, String body) {
    if (body.equals("fail")) {
      throw new PluginFailure("plugin refused " + vconId);
    }
    return body + "-in";
  }
}
