package dev.vcon.it.oddshapes.host;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin host: a {@link URLClassLoader} over a jar, whose link and storage classes run inside
 * chain runs (one of them throws an exception class of the plugin). The host then closes the
 * loader, drops every reference to it and its classes, deletes the jar, and reports on stdout
 * whether the loader was collected (a bounded number of {@code System.gc()} calls) and how many of
 * its own file descriptors still point to the deleted jar ({@code /proc/self/fd}).
 *
 * <pre>PluginReleaseMain &lt;plugin jar&gt; &lt;runs&gt;</pre>
 *
 * Lines starting with {@code figure} vary from run to run; all others are the same with and without
 * an agent that releases the loader.
 */
public final class PluginReleaseMain {
  private static final int MAX_GC_ATTEMPTS = 50;

  private PluginReleaseMain() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int runs = Integer.parseInt(args[1]);
    WeakReference<ClassLoader> loader = runPlugins(jar, runs);
    Files.delete(jar);
    int attempts = 0;
    while (loader.get() != null && attempts < MAX_GC_ATTEMPTS) {
      System.gc();
      attempts++;
      Thread.sleep(20); // lets the reference handler and cleaners run between collections
    }
    System.out.println("loader collected " + (loader.get() == null));
    System.out.println("deleted jar still open by " + openDescriptors(jar) + " descriptors");
    System.out.println("figure gc-attempts " + attempts);
  }

  /** Everything that touches the plugin lives in this frame only. */
  private static WeakReference<ClassLoader> runPlugins(Path jar, int runs) throws Exception {
    URLClassLoader plugins =
        new URLClassLoader(
            "plugins", new URL[] {jar.toUri().toURL()}, PluginReleaseMain.class.getClassLoader());
    Step step =
        (Step)
            plugins.loadClass(OddMain.PLUGIN_PACKAGE + "PluginStep").getConstructor().newInstance();
    Shelf shelf =
        (Shelf)
            plugins
                .loadClass(OddMain.PLUGIN_PACKAGE + "PluginShelf")
                .getConstructor()
                .newInstance();
    int ok = 0;
    int failed = 0;
    for (int i = 0; i < runs; i++) {
      String input = i == runs / 2 ? "fail" : "run" + i;
      try {
        Chains.runPlugin(new Ticket("plugin-release", "vcon-p" + i), step, shelf, input);
        ok++;
      } catch (RuntimeException e) {
        failed++;
      }
    }
    System.out.println("plugin runs ok " + ok + " failed " + failed);
    plugins.close();
    return new WeakReference<>(plugins);
  }

  private static int openDescriptors(Path jar) throws IOException {
    int open = 0;
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith(jar.toString())) {
            open++;
          }
        } catch (IOException closedMeanwhile) {
          // the directory stream's own descriptor, or one closed since the listing
        }
      }
    }
    return open;
  }
}
