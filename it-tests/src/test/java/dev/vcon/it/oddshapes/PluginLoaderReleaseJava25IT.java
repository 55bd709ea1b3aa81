package dev.vcon.it.oddshapes;

import dev.vcon.it.jvm.JvmLauncher;

/** {@link PluginLoaderReleaseIT} with every host run on Java 25. */
class PluginLoaderReleaseJava25IT extends PluginLoaderReleaseIT {

  @Override
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher.java25();
  }
}
