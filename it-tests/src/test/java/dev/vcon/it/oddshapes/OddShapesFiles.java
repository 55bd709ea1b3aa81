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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

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

  /** About 65,460 bytes of code: fits the limit, but not with the advice added. */
  static final int BULKY_STATEMENTS = 21_820;

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

  /**
   * Compiles into {@code classes} (a {@link #hostClassPath}) a link class {@code Bulky} whose
   * {@code apply} is so close to the JVM's 64 KiB limit on a method's code that the advice does not
   * fit: a class that cannot be instrumented.
   */
  static void compileTooLargeLink(Path classes, Path sourceDir) {
    StringBuilder source =
        new StringBuilder("package dev.vcon.it.oddshapes.host;\n")
            .append("public final class Bulky implements Step {\n")
            .append("  public String key() { return \"bulky\"; }\n")
            .append("  public String apply(String vconId, String name, int index, String body) {\n")
            .append("    int h = 0;\n");
    for (int i = 0; i < BULKY_STATEMENTS; i++) {
      source.append("    h += 1;\n"); // one 3-byte iinc each
    }
    source.append("    return body + h;\n  }\n}\n");
    try {
      Path file = sourceDir.resolve("Bulky.java");
      Files.createDirectories(sourceDir);
      Files.writeString(file, source);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int status =
          javac.run(
              null,
              null,
              null,
              "--release",
              "17",
              "-cp",
              classes.toString(),
              "-d",
              classes.toString(),
              file.toString());
      if (status != 0) {
        throw new IllegalStateException("javac failed on " + file + ": " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
