package dev.vcon.agent.core.expr;

import java.lang.invoke.MethodHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code .name} step of a bound expression, with an inline cache keyed by receiver class.
 *
 * <p>Most sites see one receiver class, so the first class resolved sits in a single volatile entry
 * that is checked with one reference comparison. Further classes go to a small map; when it is full
 * it is cleared rather than grown, which bounds both memory and the classes (and so class loaders)
 * the cache keeps reachable, at the price of re-resolving on a megamorphic site.
 */
final class Step {

  static final int MAX_FALLBACK_ENTRIES = 8;

  /** What one receiver class resolved to: a handle of type (Object)Object, or a problem line. */
  static final class Entry {
    final Class<?> type;
    final MethodHandle handle;
    final String missingLine;

    Entry(Class<?> type, MethodHandle handle, String missingLine) {
      this.type = type;
      this.handle = handle;
      this.missingLine = missingLine;
    }
  }

  private final BoundExpression owner;
  private final String name;
  private volatile Entry first;
  private final ConcurrentHashMap<Class<?>, Entry> others = new ConcurrentHashMap<>();

  Step(BoundExpression owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  /** The step's value on a non-null receiver, or null; never throws. */
  Object read(Object receiver) {
    Class<?> type = receiver.getClass();
    Entry entry = first;
    if (entry == null || entry.type != type) {
      entry = slowLookup(type);
    }
    MethodHandle handle = entry.handle;
    if (handle == null) {
      owner.report(entry.missingLine);
      return null;
    }
    try {
      return (Object) handle.invokeExact(receiver);
    } catch (Throwable thrown) {
      owner.stepThrew(name, type, thrown);
      return null;
    }
  }

  private Entry slowLookup(Class<?> type) {
    Entry entry = first;
    if (entry == null) {
      // Races here only cost a duplicate resolution; the last writer wins with an equal entry.
      entry = resolve(type);
      first = entry;
      return entry;
    }
    entry = others.get(type);
    if (entry == null) {
      entry = resolve(type);
      if (others.size() >= MAX_FALLBACK_ENTRIES) {
        others.clear();
      }
      others.put(type, entry);
    }
    return entry;
  }

  private Entry resolve(Class<?> type) {
    MethodHandle handle = Accessors.find(type, name);
    return new Entry(type, handle, handle == null ? owner.missingStepLine(name, type) : null);
  }

  /** For tests: whether the class is cached (first entry or fallback map). */
  boolean isCached(Class<?> type) {
    Entry entry = first;
    return (entry != null && entry.type == type) || others.containsKey(type);
  }

  int fallbackSize() {
    return others.size();
  }
}
