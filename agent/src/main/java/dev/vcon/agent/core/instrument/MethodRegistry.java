package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.Role;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Gives each woven method a small integer id and keeps what the dispatcher needs to know about
 * it. Reads are a plain array index on the hot path; registration (rare, at class load) copies.
 */
public final class MethodRegistry {

  private final Consumer<InstrumentedMethod> onRegister;
  private volatile InstrumentedMethod[] methods = new InstrumentedMethod[0];

  /** @param onRegister told of every new method, before its class can run (binds expressions) */
  public MethodRegistry(Consumer<InstrumentedMethod> onRegister) {
    this.onRegister = onRegister;
  }

  synchronized InstrumentedMethod register(Role role, String className, String description) {
    InstrumentedMethod[] current = methods;
    InstrumentedMethod method = new InstrumentedMethod(current.length, role, className, description);
    onRegister.accept(method);
    InstrumentedMethod[] next = Arrays.copyOf(current, current.length + 1);
    next[method.id()] = method;
    methods = next;
    return method;
  }

  /** The method with that id, or null for an id this registry never gave out. */
  public InstrumentedMethod get(int id) {
    InstrumentedMethod[] current = methods;
    return id >= 0 && id < current.length ? current[id] : null;
  }

  public int size() {
    return methods.length;
  }
}
