package dev.vcon.agent.core.expr;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds how one step reads a value from one receiver class, as a {@link MethodHandle} of type
 * {@code (Object)Object}. Runs once per (step, receiver class); never on the per-call path.
 *
 * <p>Order: a getter {@code getName()}, {@code isName()}, {@code name()}; else a field {@code name}
 * of any visibility (superclasses searched); else, for a {@link Map}, the entry {@code "name"},
 * read by {@link MapReads#peek} so the map is not changed. Each candidate is tried with every way
 * of gaining access (public lookup, private lookup, {@code setAccessible}, the same method on a
 * public supertype); if module encapsulation refuses them all, the next candidate is tried.
 *
 * <p>For a {@code Map} receiver, members declared by JDK classes are skipped: a {@code HashMap}'s
 * {@code size()} or {@code table} field is implementation, not data, and {@code this.context.size}
 * should read the entry {@code "size"}. Getters and fields declared by the application's own {@code
 * Map} subclasses are still used.
 */
final class Accessors {

  private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class);
  private static final MethodHandle MAP_GET;

  static {
    try {
      // Not Map.get: reading must not reorder or fill in the host's map (MapReads).
      MAP_GET =
          MethodHandles.lookup()
              .findStatic(
                  MapReads.class,
                  "peek",
                  MethodType.methodType(Object.class, Map.class, Object.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Accessors() {}

  /** The accessor, or null when no getter, field or map serves the step on this class. */
  static MethodHandle find(Class<?> type, String name) {
    boolean isMap = Map.class.isAssignableFrom(type);
    String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    String[] getters = {"get" + capitalized, "is" + capitalized, name};
    for (int i = 0; i < getters.length; i++) {
      // Only the isName() form must return a boolean; name() may be anything.
      MethodHandle handle = getter(type, getters[i], i == 1, isMap);
      if (handle != null) {
        return handle.asType(GENERIC);
      }
    }
    MethodHandle field = field(type, name, isMap);
    if (field != null) {
      return field.asType(GENERIC);
    }
    if (isMap) {
      return MethodHandles.insertArguments(MAP_GET, 1, name).asType(GENERIC);
    }
    return null;
  }

  private static MethodHandle getter(
      Class<?> type, String methodName, boolean mustBeBoolean, boolean skipJdk) {
    // Public methods first (this includes those inherited from interfaces), then declared ones
    // of any visibility up the superclass chain.
    Method found = null;
    try {
      found = type.getMethod(methodName);
    } catch (NoSuchMethodException | SecurityException | LinkageError ignored) {
      // not public, or not there
    }
    if (found != null && usable(found, mustBeBoolean, skipJdk)) {
      MethodHandle handle = unreflect(type, found);
      if (handle != null) {
        return handle;
      }
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Method declared;
      try {
        declared = c.getDeclaredMethod(methodName);
      } catch (NoSuchMethodException | SecurityException | LinkageError e) {
        continue;
      }
      if (!declared.equals(found) && usable(declared, mustBeBoolean, skipJdk)) {
        MethodHandle handle = unreflect(type, declared);
        if (handle != null) {
          return handle;
        }
      }
    }
    return null;
  }

  private static boolean usable(Method m, boolean mustBeBoolean, boolean skipJdk) {
    Class<?> returns = m.getReturnType();
    return !Modifier.isStatic(m.getModifiers())
        && m.getParameterCount() == 0
        && returns != void.class
        && (!mustBeBoolean || returns == boolean.class || returns == Boolean.class)
        && !(skipJdk && isJdk(m.getDeclaringClass()));
  }

  private static MethodHandle unreflect(Class<?> receiver, Method m) {
    Class<?> owner = m.getDeclaringClass();
    if (Modifier.isPublic(m.getModifiers()) && Modifier.isPublic(owner.getModifiers())) {
      try {
        return MethodHandles.publicLookup().unreflect(m);
      } catch (IllegalAccessException | RuntimeException ignored) {
        // not exported; try the other ways
      }
    }
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).unreflect(m);
    } catch (IllegalAccessException | RuntimeException ignored) {
      // package not open to us
    }
    try {
      if (m.trySetAccessible()) {
        return MethodHandles.lookup().unreflect(m);
      }
    } catch (IllegalAccessException | RuntimeException ignored) {
      // refused
    }
    // A public method of a non-public class (e.g. a JDK-internal List implementation) can still
    // be called through a public supertype that declares it.
    if (Modifier.isPublic(m.getModifiers())) {
      return throughPublicSupertype(receiver, m.getName());
    }
    return null;
  }

  private static MethodHandle throughPublicSupertype(Class<?> receiver, String methodName) {
    Deque<Class<?>> queue = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    queue.add(receiver);
    while (!queue.isEmpty()) {
      Class<?> c = queue.poll();
      if (!seen.add(c)) {
        continue;
      }
      if (c != receiver && Modifier.isPublic(c.getModifiers())) {
        try {
          Method m = c.getMethod(methodName);
          if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
            return MethodHandles.publicLookup().unreflect(m);
          }
        } catch (NoSuchMethodException | IllegalAccessException | RuntimeException ignored) {
          // keep looking
        } catch (LinkageError ignored) {
          // keep looking
        }
      }
      if (c.getSuperclass() != null) {
        queue.add(c.getSuperclass());
      }
      for (Class<?> i : c.getInterfaces()) {
        queue.add(i);
      }
    }
    return null;
  }

  private static MethodHandle field(Class<?> type, String name, boolean skipJdk) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (skipJdk && isJdk(c)) {
        continue;
      }
      Field f;
      try {
        f = c.getDeclaredField(name);
      } catch (NoSuchFieldException | SecurityException | LinkageError e) {
        continue;
      }
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      MethodHandle handle = unreflectGetter(f);
      if (handle != null) {
        return handle;
      }
    }
    return null;
  }

  private static MethodHandle unreflectGetter(Field f) {
    Class<?> owner = f.getDeclaringClass();
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).unreflectGetter(f);
    } catch (IllegalAccessException | RuntimeException ignored) {
      // package not open to us
    }
    try {
      if (f.trySetAccessible()) {
        return MethodHandles.lookup().unreflectGetter(f);
      }
    } catch (IllegalAccessException | RuntimeException ignored) {
      // refused
    }
    if (Modifier.isPublic(f.getModifiers()) && Modifier.isPublic(owner.getModifiers())) {
      try {
        return MethodHandles.publicLookup().unreflectGetter(f);
      } catch (IllegalAccessException | RuntimeException ignored) {
        // not exported
      }
    }
    return null;
  }

  private static boolean isJdk(Class<?> c) {
    String n = c.getName();
    return n.startsWith("java.")
        || n.startsWith("javax.")
        || n.startsWith("jdk.")
        || n.startsWith("sun.")
        || n.startsWith("com.sun.");
  }
}
