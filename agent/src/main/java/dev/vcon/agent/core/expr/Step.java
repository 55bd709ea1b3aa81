package dev.vcon.agent.core.expr;

import java.lang.invoke.MethodHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code .name} step of a bound expression, with its accessor per receiver class.
 *
 * <p>The accessors live in a {@link ClassValue}: each is stored with its receiver class, so a host
 * class, and through it its class loader, is never kept reachable by the agent (a closed plugin
 * loader whose classes an expression read is collectable). Most sites see one receiver class, so
 * the last one resolved is also held, weakly, for a check by one reference comparison; the entry
 * stays alive exactly as long as its class does, through the class value.
 */
final class Step {

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

  private static final WeakReference<Entry> NONE = new WeakReference<>(null);

  private final BoundExpression owner;
  private final String name;
  private final ClassValue<Entry> byClass =
      new ClassValue<Entry>() {
        @Override
        protected Entry computeValue(Class<?> type) {
          return resolve(type);
        }
      };
  private volatile WeakReference<Entry> last = NONE;
  private final AtomicInteger resolutions = new AtomicInteger();

  Step(BoundExpression owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  /** The step's value on a non-null receiver, or null; never throws. */
  Object read(Object receiver) {
    Class<?> type = receiver.getClass();
    Entry entry = last.get();
    if (entry == null || entry.type != type) {
      entry = byClass.get(type);
      last = new WeakReference<>(entry);
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

  private Entry resolve(Class<?> type) {
    resolutions.incrementAndGet();
    MethodHandle handle = Accessors.find(type, name);
    return new Entry(type, handle, handle == null ? owner.missingStepLine(name, type) : null);
  }

  /** For tests: how many receiver classes were resolved (once each while the class lives). */
  int resolutions() {
    return resolutions.get();
  }
}
