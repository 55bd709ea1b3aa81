package dev.vcon.it.oddshapes;

import dev.vcon.it.jvm.JvmLauncher;

/** {@link OddShapesIT} with both host runs on Java 25. */
class OddShapesJava25IT extends OddShapesIT {

  @Override
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher.java25();
  }
}
