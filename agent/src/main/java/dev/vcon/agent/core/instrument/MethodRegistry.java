package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.Role;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gives each woven method a small integer id and keeps what the dispatcher needs to know about it.
 * Reads are a plain array index on the hot path; registration (rare, at class load) copies.
 */
public final class MethodRegistry {

  private final Consumer<InstrumentedMethod> onRegister;
  private volatile InstrumentedMethod[] methods = new InstrumentedMethod[0];
  private final Map<String, InstrumentedMethod> byDescription = new HashMap<>();
  private final Set<String> classNames = new HashSet<>();

  /**
   * @param onRegister told of every new method, before its class can run (binds expressions)
   */
  public MethodRegistry(Consumer<InstrumentedMethod> onRegister) {
    this.onRegister = onRegister;
  }

  /**
   * The same method woven again (a retransformation, or the same class in another loader) keeps its
   * id, so its expression bindings and their report-once state are shared, not duplicated.
   */
  synchronized InstrumentedMethod register(Role role, String className, String description) {
    String key = role.name() + ' ' + description;
    InstrumentedMethod known = byDescription.get(key);
    if (known != null) {
      return known;
    }
    InstrumentedMethod[] current = methods;
    InstrumentedMethod method =
        new InstrumentedMethod(current.length, role, className, description);
    onRegister.accept(method);
    InstrumentedMethod[] next = Arrays.copyOf(current, current.length + 1);
    next[method.id()] = method;
    methods = next;
    byDescription.put(key, method);
    classNames.add(className);
    return method;
  }

  /** The method with that id, or null for an id this registry never gave out. */
  public InstrumentedMethod get(int id) {
    InstrumentedMethod[] current = methods;
    return id >= 0 && id < current.length ? current[id] : null;
  }

  /** Whether methods of a class of that name were woven already (in any loader). */
  synchronized boolean hasClass(String className) {
    return classNames.contains(className);
  }

  public int size() {
    return methods.length;
  }
}
