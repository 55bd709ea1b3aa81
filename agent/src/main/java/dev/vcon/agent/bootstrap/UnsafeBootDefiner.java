package dev.vcon.agent.bootstrap;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines classes in the bootstrap class loader through {@code jdk.internal.misc.Unsafe}.
 *
 * <p>Loaded only by a {@link BridgeInjector.DefinerLoader}, a class loader made for this one call
 * and dropped after it: {@code jdk.internal.misc} is exported to that loader's unnamed module and
 * to nothing else, so no class of the host (nor of the agent's other loaders) ever gains access to
 * it. A copy loaded by the system class loader from the agent jar has no such access and fails.
 */
public final class UnsafeBootDefiner {

  private UnsafeBootDefiner() {}

  /** Defines {@code classes[i]} from {@code bytes[i]} in the boot loader, in order. */
  public static void defineAll(String[] classes, byte[][] bytes) throws Exception {
    Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeType.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    for (int i = 0; i < classes.length; i++) {
      define.invoke(unsafe, classes[i], bytes[i], 0, bytes[i].length, null, null);
    }
  }
}
