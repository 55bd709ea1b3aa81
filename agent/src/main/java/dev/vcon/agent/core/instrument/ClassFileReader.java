package dev.vcon.agent.core.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the class file of a supertype through the loader's resources, as the JVM would find it. For
 * the common case of a class in a plain jar on disk it reads the entry from a cached {@link
 * ZipFile}: going through {@code URL.openStream()} builds a {@code JarURLConnection} per read,
 * which made these reads most of the transformer's cost at start-up.
 */
final class ClassFileReader {

  private static final String JAR_FILE = "jar:file:";
  private static final int MAX_OPEN_JARS = 256;

  private final ConcurrentHashMap<String, ZipFile> jars = new ConcurrentHashMap<>();

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
      try (InputStream in = url.openStream()) {
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
      if (jars.size() >= MAX_OPEN_JARS) {
        return null;
      }
      jar = new ZipFile(new File(path));
      ZipFile raced = jars.putIfAbsent(path, jar);
      if (raced != null) {
        jar.close();
        jar = raced;
      }
    }
    ZipEntry entry = jar.getEntry(url.substring(separator + 2));
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
