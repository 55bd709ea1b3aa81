package dev.vcon.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the bridge classes into the bootstrap class loader, where inlined advice in any class loader
 * finds them.
 *
 * <p>Appending the agent jar to the boot class path would do the same, but HotSpot then prints
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
 * on every start and stops sharing the application's CDS classes. So the bridge classes are defined
 * directly in the boot loader through {@code jdk.internal.misc.Unsafe} (as Byte Buddy's {@code
 * ClassInjector.UsingUnsafe} does).
 *
 * <p>That package is exported, through {@link Instrumentation#redefineModule}, only to the unnamed
 * module of a {@link DefinerLoader}: a loader made for this one call that holds nothing but {@link
 * UnsafeBootDefiner} and is dropped afterwards (java.base keeps such targets weakly). Exporting it
 * to this class's own module would export it to the system class loader's unnamed module, that is
 * to every class on the application's class path. Appending the jar stays as the fallback.
 */
final class BridgeInjector {

  /** Supertypes first: a class's interfaces must be defined before it. */
  static final String[] BRIDGE_CLASSES = {
    "dev.vcon.agent.bridge.ExitHandle",
    "dev.vcon.agent.bridge.Dispatcher",
    "dev.vcon.agent.bridge.Dispatchers",
    "dev.vcon.agent.bridge.HiddenClasses",
  };

  private static final String DEFINER = "dev.vcon.agent.bootstrap.UnsafeBootDefiner";

  private BridgeInjector() {}

  static void inject(Instrumentation inst, JarFile jar) throws IOException {
    try {
      defineInBootLoader(inst, jar);
    } catch (Throwable unsafeUnavailable) {
      inst.appendToBootstrapClassLoaderSearch(jar);
    }
  }

  private static void defineInBootLoader(Instrumentation inst, JarFile jar) throws Exception {
    List<String> missing = new ArrayList<>();
    for (String name : BRIDGE_CLASSES) {
      if (!isDefinedInBootLoader(name)) {
        missing.add(name); // else another copy of this agent got here first
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String[] names = missing.toArray(new String[0]);
    byte[][] bytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      bytes[i] = read(jar, entryName(names[i]));
    }
    Class<?> definer = new DefinerLoader(read(jar, entryName(DEFINER))).definer();
    inst.redefineModule(
        Object.class.getModule(),
        Collections.<Module>emptySet(),
        Collections.singletonMap("jdk.internal.misc", Collections.singleton(definer.getModule())),
        Collections.<String, Set<Module>>emptyMap(),
        Collections.<Class<?>>emptySet(),
        Collections.<Class<?>, List<Class<?>>>emptyMap());
    definer.getMethod("defineAll", String[].class, byte[][].class).invoke(null, names, bytes);
  }

  private static String entryName(String className) {
    return className.replace('.', '/') + ".class";
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

  /**
   * The one-shot loader whose unnamed module alone receives {@code jdk.internal.misc}. Its parent
   * is the boot loader: the definer needs nothing but java.base. Nothing keeps it after the call.
   */
  static final class DefinerLoader extends ClassLoader {
    private final byte[] definerBytes;

    DefinerLoader(byte[] definerBytes) {
      super("vcon-otel-agent-boot-definer", null);
      this.definerBytes = definerBytes;
    }

    Class<?> definer() {
      return defineClass(DEFINER, definerBytes, 0, definerBytes.length);
    }
  }
}
