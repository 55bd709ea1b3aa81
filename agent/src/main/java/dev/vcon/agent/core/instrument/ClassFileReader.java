package dev.vcon.agent.core.instrument;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the class files of supertypes through a loader's resources, as the JVM would find them, for
 * the length of one hierarchy walk. A class in a plain jar on disk is read from a {@link ZipFile}
 * kept open until {@link #close()}: going through {@code URL.openStream()} builds a {@code
 * JarURLConnection} per read, which made these reads most of the transformer's cost at start-up,
 * and a walk mostly reads several supertypes from the same jar. Nothing stays open after the walk,
 * so the agent never pins a jar that its class loader has closed (or a deleted plugin jar).
 *
 * <p>One instance per walk, on one thread: not thread-safe.
 */
final class ClassFileReader implements Closeable {

  private static final String JAR_FILE = "jar:file:";

  private final Map<String, ZipFile> jars = new HashMap<>();

  byte[] read(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try {
      URL url =
          loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
      if (url == null) {
        return null;
      }
      byte[] fromJar = readFromPlainJar(url.toString());
      if (fromJar != null) {
        return fromJar;
      }
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false); // the JDK's JarFile cache would keep the jar open
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code jar:file:/a/b.jar!/x/Y.class}; anything else (nested jars, other schemes): null. */
  private byte[] readFromPlainJar(String url) throws IOException {
    if (!url.startsWith(JAR_FILE)) {
      return null;
    }
    int separator = url.indexOf("!/");
    if (separator < 0 || url.indexOf("!/", separator + 2) >= 0) {
      return null;
    }
    String path =
        URLDecoder.decode(
            url.substring(JAR_FILE.length(), separator), StandardCharsets.UTF_8.name());
    ZipFile jar = jars.get(path);
    if (jar == null) {
      jar = new ZipFile(new File(path));
      jars.put(path, jar);
    }
    ZipEntry entry = jar.getEntry(url.substring(separator + 2));
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** Closes every jar this walk opened. */
  @Override
  public void close() {
    for (ZipFile jar : jars.values()) {
      try {
        jar.close();
      } catch (IOException ignored) {
        // a jar that cannot be closed has nothing left to give back
      }
    }
    jars.clear();
  }
}
