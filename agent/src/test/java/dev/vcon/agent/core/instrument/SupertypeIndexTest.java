package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hierarchy walk over class files in a plugin's jar, read before the JVM loads them. */
class SupertypeIndexTest {

  static class Base {}

  static class Middle extends Base {}

  static class Derived extends Middle {}

  @TempDir Path dir;

  @Test
  void aSubtypeReachesItsSelectorTypeThroughAJarAndTheJarIsNotLeftOpen() throws Exception {
    Path jar = dir.resolve("plugin.jar");
    writeJar(jar, Base.class, Middle.class, Derived.class);
    SupertypeIndex index = new SupertypeIndex(Collections.singleton(internalName(Base.class)));

    try (URLClassLoader plugin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(
              index.reachedTargets(plugin, internalName(Derived.class), classFile(Derived.class)))
          .as("Middle read from the jar leads to Base")
          .containsExactly(internalName(Base.class));
    }

    assertThat(openFilesNamed(jar))
        .as("descriptors still open on the closed plugin's jar")
        .isZero();
  }

  /** Open file descriptors of this JVM on that file (Linux: /proc/self/fd). */
  private static long openFilesNamed(Path file) throws IOException {
    Path fds = Paths.get("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
    Path real = file.toRealPath();
    List<Path> open = new ArrayList<>();
    try (Stream<Path> entries = Files.list(fds)) {
      entries.forEach(
          fd -> {
            try {
              if (Files.readSymbolicLink(fd).equals(real)) {
                open.add(fd);
              }
            } catch (IOException | UnsupportedOperationException gone) {
              // a descriptor closed while listing
            }
          });
    }
    return open.size();
  }

  private static void writeJar(Path jar, Class<?>... classes) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Class<?> type : classes) {
        out.putNextEntry(new JarEntry(internalName(type) + ".class"));
        out.write(classFile(type));
        out.closeEntry();
      }
    }
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in =
        type.getClassLoader().getResourceAsStream(internalName(type) + ".class")) {
      return in.readAllBytes();
    }
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }
}
