package dev.vcon.it.chain.host.loaders;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Loads the chain host ({@code dev.vcon.it.chain.host}) through each class-loader variant named on
 * the command line and runs {@code LoaderScenario.run(variant)} in it. It references no host class
 * at compile time, so it also runs from a class path that holds only this package.
 *
 * <pre>
 * LoaderMain &lt;host classes dir&gt; system|child|parent-last|platform ...
 * </pre>
 *
 * <ul>
 *   <li>{@code system}: the host as found by the system class loader (it must be on -cp);
 *   <li>{@code child}: a {@code URLClassLoader} over the host dir, parent the system loader;
 *   <li>{@code parent-last}: a {@code URLClassLoader} over the host dir that looks in itself before
 *       its parent (the system loader), as servlet containers do;
 *   <li>{@code platform}: a {@code URLClassLoader} over the host dir whose parent is the platform
 *       loader, so it sees nothing of the system class path, the agent jar included.
 * </ul>
 */
public final class LoaderMain {
  static final String HOST_PACKAGE = "dev.vcon.it.chain.host.";
  static final String SCENARIO = HOST_PACKAGE + "LoaderScenario";

  private LoaderMain() {}

  public static void main(String[] args) throws Exception {
    URL[] hostDir = {Path.of(args[0]).toUri().toURL()};
    for (int i = 1; i < args.length; i++) {
      String variant = args[i];
      ClassLoader loader;
      switch (variant) {
        case "system":
          loader = ClassLoader.getSystemClassLoader();
          break;
        case "child":
          loader = new URLClassLoader("chain-child", hostDir, ClassLoader.getSystemClassLoader());
          break;
        case "parent-last":
          loader = new ParentLastLoader(hostDir, ClassLoader.getSystemClassLoader());
          break;
        case "platform":
          loader =
              new URLClassLoader(
                  "chain-platform-child", hostDir, ClassLoader.getPlatformClassLoader());
          break;
        default:
          throw new IllegalArgumentException("unknown variant " + variant);
      }
      Class<?> scenario = Class.forName(SCENARIO, true, loader);
      Class<?> request = Class.forName(HOST_PACKAGE + "ChainRequest", false, loader);
      boolean ownLoader =
          variant.equals("system")
              ? scenario.getClassLoader() == ClassLoader.getSystemClassLoader()
              : scenario.getClassLoader() == loader && request.getClassLoader() == loader;
      System.out.println(
          "check loader-"
              + variant
              + ".defined-by-variant-loader "
              + (ownLoader ? "ok" : "FAILED ChainRequest defined by " + request.getClassLoader()));
      if (variant.equals("platform")) {
        boolean blind =
            loader.getResource("dev/vcon/agent/bootstrap/AgentMain.class") == null
                && loader.getResource(LoaderMain.class.getName().replace('.', '/') + ".class")
                    == null;
        System.out.println(
            "check loader-platform.sees-no-system-class-path "
                + (blind ? "ok" : "FAILED it sees the agent jar or the launcher"));
      }
      Method run = scenario.getMethod("run", String.class);
      Object result = run.invoke(null, variant);
      System.out.println(
          "variant "
              + variant
              + " loader="
              + describe(scenario.getClassLoader())
              + " result="
              + result);
    }
    System.out.println(
        "loaders done, class path="
            + System.getProperty("java.class.path").replace(File.pathSeparatorChar, ' '));
  }

  private static String describe(ClassLoader loader) {
    return loader.getClass().getSimpleName()
        + (loader.getName() == null ? "" : "(" + loader.getName() + ")");
  }

  /** Child first for everything but the JDK, like a servlet container's web-app loader. */
  static final class ParentLastLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    ParentLastLoader(URL[] urls, ClassLoader parent) {
      super("chain-parent-last", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && !name.startsWith("java.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notHere) {
            // fall back to the parent
          }
        }
        if (c == null) {
          c = getParent().loadClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }
  }
}
