package dev.vcon.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge classes into the bootstrap class loader, where inlined advice in any class loader
 * finds them.
 *
 * <p>Appending the agent jar to the boot class path would do the same, but HotSpot then prints
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
 * on every start and stops sharing the application's CDS classes. So the three bridge classes are
 * defined directly in the boot loader (the way Byte Buddy's {@code ClassInjector.UsingUnsafe}
 * does), after opening {@code jdk.internal.misc} to this class's module through {@link
 * Instrumentation#redefineModule}; appending the jar stays as the fallback.
 */
final class BridgeInjector {

  /** Supertypes first: a class's interfaces must be defined before it. */
  static final String[] BRIDGE_CLASSES = {
    "dev.vcon.agent.bridge.ExitHandle",
    "dev.vcon.agent.bridge.Dispatcher",
    "dev.vcon.agent.bridge.Dispatchers",
  };

  private BridgeInjector() {}

  static void inject(Instrumentation inst, JarFile jar) throws IOException {
    try {
      defineInBootLoader(inst, jar);
    } catch (Throwable unsafeUnavailable) {
      inst.appendToBootstrapClassLoaderSearch(jar);
    }
  }

  private static void defineInBootLoader(Instrumentation inst, JarFile jar) throws Exception {
    Module javaBase = Object.class.getModule();
    Module self = BridgeInjector.class.getModule();
    Map<String, Set<Module>> open =
        Collections.singletonMap("jdk.internal.misc", Collections.singleton(self));
    inst.redefineModule(
        javaBase,
        Collections.<Module>emptySet(),
        open,
        open,
        Collections.<Class<?>>emptySet(),
        Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
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
    for (String name : BRIDGE_CLASSES) {
      if (isDefinedInBootLoader(name)) {
        continue; // another copy of this agent got here first
      }
      byte[] bytes = read(jar, name.replace('.', '/') + ".class");
      define.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
    }
  }

  private static boolean isDefinedInBootLoader(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static byte[] read(JarFile jar, String entryName) throws IOException {
    JarEntry entry = jar.getJarEntry(entryName);
    if (entry == null) {
      throw new IOException("missing " + entryName + " in the agent jar");
    }
    try (InputStream in = jar.getInputStream(entry)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
