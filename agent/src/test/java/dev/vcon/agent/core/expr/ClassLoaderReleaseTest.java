package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin host closes a loader and drops it; the expressions that read its classes live on (they
 * belong to a woven method of the host). They must not keep the loader reachable.
 */
class ClassLoaderReleaseTest {

  @TempDir Path dir;

  @Test
  void closedLoaderWhoseClassAnExpressionReadIsCollectable() throws Exception {
    Path jar = jarWith(IsolatedFixture.class);
    List<String> problems = new ArrayList<>();
    BoundExpression secret = Expression.parse("this.secret").bind(problems::add);
    BoundExpression label = Expression.parse("this.label").bind(problems::add);
    BoundExpression missing = Expression.parse("this.absent").bind(problems::add);

    WeakReference<ClassLoader> loader = readThroughPluginLoader(jar, secret, label, missing);

    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(loader.get()).as("the plugin loader after close()").isNull();
    // The expressions stay usable for classes loaded later.
    assertThat(secret.evaluate(new IsolatedFixture(), null)).isEqualTo("hidden");
  }

  private static WeakReference<ClassLoader> readThroughPluginLoader(
      Path jar, BoundExpression... expressions) throws Exception {
    URLClassLoader plugin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    Class<?> type = plugin.loadClass(IsolatedFixture.class.getName());
    assertThat(type.getClassLoader()).isSameAs(plugin);
    var constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object instance = constructor.newInstance();
    assertThat(expressions[0].evaluate(instance, null)).isEqualTo("hidden");
    assertThat(expressions[1].evaluate(instance, null)).isEqualTo("package-private getter");
    assertThat(expressions[2].evaluate(instance, null)).isNull();
    plugin.close();
    return new WeakReference<>(plugin);
  }

  private Path jarWith(Class<?> type) throws Exception {
    String resource = type.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("plugin.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new JarEntry(resource));
      out.write(in.readAllBytes());
      out.closeEntry();
    }
    return jar;
  }
}
