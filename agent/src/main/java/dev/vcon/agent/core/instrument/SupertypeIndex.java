package dev.vcon.agent.core.instrument;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Answers "which of the selector types does this class extend or implement?" for a class that is
 * being defined, before the JVM has loaded its supertypes. It reads class-file headers only (the
 * super class and interfaces), following supertypes through the defining loader's resources, and
 * caches the answer per loader and type so a hierarchy is read once. Loaders are weak keys: a
 * plugin's loader that the host drops takes its entries with it.
 */
final class SupertypeIndex {

  private static final int MAX_DEPTH = 64;

  private final Set<String> targetTypes;
  private final Map<ClassLoader, Map<String, Set<String>>> cache =
      Collections.synchronizedMap(new WeakHashMap<ClassLoader, Map<String, Set<String>>>());

  SupertypeIndex(Set<String> targetTypes) {
    this.targetTypes = targetTypes;
  }

  /** The selector types that {@code internalName} (described by {@code classFile}) reaches. */
  Set<String> reachedTargets(ClassLoader loader, String internalName, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    Set<String> reached = new HashSet<>();
    if (targetTypes.contains(internalName)) {
      reached.add(internalName);
    }
    try (ClassFileReader classFiles = new ClassFileReader()) {
      collect(classFiles, loader, reader.getSuperName(), reached, 0);
      for (String anInterface : reader.getInterfaces()) {
        collect(classFiles, loader, anInterface, reached, 0);
      }
    }
    return reached;
  }

  private void collect(
      ClassFileReader classFiles, ClassLoader loader, String type, Set<String> into, int depth) {
    if (type != null && depth < MAX_DEPTH) {
      into.addAll(reachedBy(classFiles, loader, type, depth));
    }
  }

  private Set<String> reachedBy(
      ClassFileReader classFiles, ClassLoader loader, String type, int depth) {
    Map<String, Set<String>> forLoader = forLoader(loader);
    Set<String> cached = forLoader.get(type);
    if (cached != null) {
      return cached;
    }
    Set<String> reached = new HashSet<>();
    if (targetTypes.contains(type)) {
      reached.add(type);
    }
    if (!Ignores.isPlatformType(type)) { // JDK types never extend an application type
      byte[] bytes = classFiles.read(loader, type);
      if (bytes != null) {
        ClassReader reader = new ClassReader(bytes);
        collect(classFiles, loader, reader.getSuperName(), reached, depth + 1);
        for (String anInterface : reader.getInterfaces()) {
          collect(classFiles, loader, anInterface, reached, depth + 1);
        }
      }
    }
    Set<String> result =
        reached.isEmpty() ? Collections.<String>emptySet() : Collections.unmodifiableSet(reached);
    forLoader.put(type, result);
    return result;
  }

  private Map<String, Set<String>> forLoader(ClassLoader loader) {
    synchronized (cache) {
      Map<String, Set<String>> forLoader = cache.get(loader);
      if (forLoader == null) {
        forLoader = new ConcurrentHashMap<>();
        cache.put(loader, forLoader);
      }
      return forLoader;
    }
  }
}
