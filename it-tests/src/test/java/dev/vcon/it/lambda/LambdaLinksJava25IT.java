package dev.vcon.it.lambda;

import dev.vcon.it.jvm.JvmLauncher;

/** {@link LambdaLinksIT} with both host runs on Java 25. */
class LambdaLinksJava25IT extends LambdaLinksIT {

  @Override
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher.java25();
  }
}
