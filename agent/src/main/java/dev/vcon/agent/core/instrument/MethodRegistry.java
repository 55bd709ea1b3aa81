package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.Role;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one method-id table: gives each woven method a small integer id (bound into its advice as a
 * constant) and keeps, at that index, what the dispatcher made of it. Reads are a plain array index
 * on the hot path; registration (rare, at class load) copies.
 *
 * @param <B> what the dispatcher binds for a method (its role's bound expressions)
 */
public final class MethodRegistry<B> {

  private final Function<InstrumentedMethod, B> binder;
  private volatile Object[] bindings = new Object[0];
  private final Map<String, InstrumentedMethod> byDescription = new HashMap<>();
  private final Set<String> classNames = new HashSet<>();

  /**
   * @param binder makes a new method's binding (or null to record nothing for it), before its class
   *     can run
   */
  public MethodRegistry(Function<InstrumentedMethod, B> binder) {
    this.binder = binder;
  }

  /**
   * The same method woven again (a retransformation, or the same class in another loader) keeps its
   * id, so its expression bindings and their report-once state are shared, not duplicated.
   */
  public synchronized InstrumentedMethod register(Role role, String className, String description) {
    String key = role.name() + ' ' + description;
    InstrumentedMethod known = byDescription.get(key);
    if (known != null) {
      return known;
    }
    Object[] current = bindings;
    InstrumentedMethod method =
        new InstrumentedMethod(current.length, role, className, description);
    Object[] next = Arrays.copyOf(current, current.length + 1);
    next[method.id()] = binder.apply(method);
    bindings = next;
    byDescription.put(key, method);
    classNames.add(className);
    return method;
  }

  /** The binding of the method with that id; null for an unbound method or an unknown id. */
  @SuppressWarnings("unchecked") // only register() writes the table, and only B values
  public B binding(int id) {
    Object[] current = bindings;
    return id >= 0 && id < current.length ? (B) current[id] : null;
  }

  /** Whether methods of a class of that name were woven already (in any loader). */
  synchronized boolean hasClass(String className) {
    return classNames.contains(className);
  }
}
