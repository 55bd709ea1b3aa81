package dev.vcon.it.oddshapes;

import dev.vcon.it.jvm.ItJars;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The files the odd-shapes hosts run from, made by the test from the compiled test classes: the
 * host package in a directory of its own (the class path, without the plugin), the plugin package
 * as a jar only a run-time class loader sees, and a second agent's jar whose premain loads a link
 * class before the vCon agent starts.
 */
final class OddShapesFiles {
  static final String HOST_PACKAGE = "dev/vcon/it/oddshapes/host";
  static final String PLUGIN_PACKAGE = "dev/vcon/it/oddshapes/plugin";
  static final String PRELOADER = "dev.vcon.it.oddshapes.host.Preloader";

  private OddShapesFiles() {}

  /** The host package's class files copied to {@code root}: a class path without the plugin. */
  static Path hostClassPath(Path root) {
    Path classes = ItJars.testClasses();
    Path target = root.resolve(HOST_PACKAGE);
    try {
      Files.createDirectories(target);
      for (Path f : classFiles(classes.resolve(HOST_PACKAGE))) {
        Files.copy(f, target.resolve(f.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /** A jar of the plugin package, written to {@code jar}. */
  static Path pluginJar(Path jar) {
    return jar(jar, PLUGIN_PACKAGE, new Manifest());
  }

  /** A jar whose manifest names {@link #PRELOADER} as its {@code Premain-Class}. */
  static Path preloaderAgentJar(Path jar) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), PRELOADER);
    return jar(jar, HOST_PACKAGE, manifest);
  }

  private static Path jar(Path jar, String pkg, Manifest manifest) {
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Path classes = ItJars.testClasses();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path f : classFiles(classes.resolve(pkg))) {
        out.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  private static Iterable<Path> classFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".class"))
          .sorted()
          .collect(java.util.stream.Collectors.toList());
    }
  }
}
