package dev.vcon.it.hostile;

import dev.vcon.it.jvm.JvmLauncher;

/** {@link HostileValuesIT} with both host runs on Java 25. */
class HostileValuesJava25IT extends HostileValuesIT {

  @Override
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher.java25();
  }
}
