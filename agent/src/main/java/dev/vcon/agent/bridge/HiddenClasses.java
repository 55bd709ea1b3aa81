package dev.vcon.agent.bridge;

import java.lang.instrument.ClassFileTransformer;

/**
 * The hook for classes the JVM never shows a {@link ClassFileTransformer}: hidden classes, which is
 * what lambdas and method references are since Java 15, and what a host defines through {@code
 * MethodHandles.Lookup.defineHiddenClass}. The agent patches those two JDK places to pass the class
 * bytes through {@link #beforeDefine} just before the class is defined, as the OpenTelemetry Java
 * agent does for lambdas.
 *
 * <p>Loaded by the bootstrap class loader, so that the patched {@code java.base} code resolves it;
 * it depends on nothing but the JDK. Until the agent installs its transformer, and whenever that
 * transformer fails, the bytes are returned unchanged: defining a lambda never fails because of the
 * agent.
 */
public final class HiddenClasses {

  private static volatile ClassFileTransformer transformer;

  private HiddenClasses() {}

  /** Installs (or, with null, removes) the transformer that sees hidden classes' bytes. */
  public static void install(ClassFileTransformer newTransformer) {
    transformer = newTransformer;
  }

  /**
   * The bytes to define for a hidden class about to be defined next to {@code host} (its lookup
   * class): the transformer's result, or {@code classFile} itself. Never throws.
   */
  public static byte[] beforeDefine(byte[] classFile, Class<?> host) {
    ClassFileTransformer current = transformer;
    if (current == null || classFile == null || host == null) {
      return classFile;
    }
    try {
      ClassLoader loader = host.getClassLoader();
      if (loader == null) {
        return classFile; // the JDK's own lambdas: the agent never touches boot classes
      }
      byte[] woven = current.transform(host.getModule(), loader, null, null, null, classFile);
      return woven == null ? classFile : woven;
    } catch (Throwable ignored) {
      return classFile;
    }
  }
}
