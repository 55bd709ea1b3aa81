package dev.vcon.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads the agent's implementation and its relocated libraries from the {@code inst/} folder of the
 * agent jar, where classes are stored as {@code .classdata} so that no other class loader (the
 * system class path includes the agent jar) can load them by accident. Its parent is the platform
 * loader: the host's classes stay invisible to the agent and the agent's to the host, while {@code
 * java.net.http} and the other platform modules stay reachable.
 */
final class AgentClassLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";
  private static final String CLASS_SUFFIX = ".classdata";

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;
  private final Manifest manifest;

  AgentClassLoader(File jarPath, JarFile jar) throws IOException {
    super("vcon-otel-agent", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    this.jarUrl = "jar:" + jarPath.toURI().toURL() + "!/";
    this.protectionDomain =
        new ProtectionDomain(
            new CodeSource(jarPath.toURI().toURL(), (Certificate[]) null), null, this, null);
    this.manifest = jar.getManifest();
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = readAll(in, (int) entry.getSize());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageFor(name);
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  /** Packages carry the jar's manifest so the agent can read its own Implementation-Version. */
  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String pkg = className.substring(0, dot);
    if (getDefinedPackage(pkg) != null) {
      return;
    }
    try {
      if (manifest != null) {
        Attributes main = manifest.getMainAttributes();
        definePackage(
            pkg,
            main.getValue(Attributes.Name.IMPLEMENTATION_TITLE),
            main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
            main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR),
            main.getValue(Attributes.Name.IMPLEMENTATION_TITLE),
            main.getValue(Attributes.Name.IMPLEMENTATION_VERSION),
            main.getValue(Attributes.Name.IMPLEMENTATION_VENDOR),
            null);
      } else {
        definePackage(pkg, null, null, null, null, null, null, null);
      }
    } catch (IllegalArgumentException alreadyDefinedConcurrently) {
      // another thread defined it first
    }
  }

  /**
   * Byte Buddy reads advice classes as {@code X.class} resources and the SDK finds its (relocated)
   * service files as resources, so resource names are mapped onto the {@code inst/} layout too.
   */
  @Override
  protected URL findResource(String name) {
    String entryName =
        name.endsWith(".class")
            ? PREFIX + name.substring(0, name.length() - ".class".length()) + CLASS_SUFFIX
            : PREFIX + name;
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.<URL>emptyEnumeration()
        : Collections.enumeration(Collections.singletonList(url));
  }

  private static byte[] readAll(InputStream in, int sizeHint) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : 8192);
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
