package dev.vcon.agent.core.instrument;

import java.io.InputStream;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * What {@link HiddenClassHooks} checks before patching the JDK and runs after: the JDK field the
 * lambda patch reads, whether this JVM has hidden classes at all, and a lambda and a hidden class
 * defined through the patched code (the agent's own, which its transformer passes over).
 */
final class JdkDefineProbes {

  private JdkDefineProbes() {}

  static void requireTargetClassField(Class<?> factory) throws NoSuchFieldException {
    for (Class<?> type = factory; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals("targetClass")
            && field.getType() == Class.class
            && !Modifier.isStatic(field.getModifiers())
            && (type == factory || !Modifier.isPrivate(field.getModifiers()))) {
          return;
        }
      }
    }
    throw new NoSuchFieldException(factory.getName() + ".targetClass");
  }

  /** Spins a new lambda class through the patched factory (a call site of its own, not linked). */
  static void lambda() throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodType noop = MethodType.methodType(void.class);
    CallSite site =
        LambdaMetafactory.metafactory(
            lookup,
            "run",
            MethodType.methodType(Runnable.class),
            noop,
            lookup.findStatic(JdkDefineProbes.class, "noop", noop),
            noop);
    ((Runnable) site.getTarget().invoke()).run();
  }

  /** Defines a hidden copy of {@link WeaveSample} through the patched Lookup. */
  static void hiddenClass() throws Throwable {
    byte[] bytes;
    try (InputStream in =
        WeaveSample.class
            .getClassLoader()
            .getResourceAsStream(WeaveSample.class.getName().replace('.', '/') + ".class")) {
      bytes = in.readAllBytes();
    }
    Class<?> options = Class.forName("java.lang.invoke.MethodHandles$Lookup$ClassOption");
    try {
      definer(options).invoke(MethodHandles.lookup(), bytes, false, Array.newInstance(options, 0));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Lookup.defineHiddenClass, which the agent's --release 11 API does not show. */
  static Method definer(Class<?> options) throws NoSuchMethodException {
    return MethodHandles.Lookup.class.getMethod(
        "defineHiddenClass", byte[].class, boolean.class, Array.newInstance(options, 0).getClass());
  }

  /** Whether this JVM has hidden classes at all (Java 15+). */
  static boolean hasHiddenClasses() {
    try {
      return definer(Class.forName("java.lang.invoke.MethodHandles$Lookup$ClassOption")) != null;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  private static void noop() {}

  /** A proof run against a patched JDK class: throws if the patch breaks it. */
  @FunctionalInterface
  interface Probe {
    void run() throws Throwable;
  }
}
