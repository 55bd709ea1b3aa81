package dev.vcon.agent.core.instrument;

import dev.vcon.agent.bridge.Dispatchers;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lets a named module read the bridge (the boot loader's unnamed module), as Byte Buddy's agent
 * builder does for the modules it instruments. Classes in unnamed modules read every module; the
 * JVM adds this read edge itself to a named module whose class a transformer changed (a {@code
 * java.lang.reflect.Proxy} class in its {@code jdk.proxyN} module, a retransformed {@code
 * java.base}), but not for a hidden class the agent weaves through its own hook: without it, the
 * advice's call into the bridge fails with {@code IllegalAccessError} (which the advice swallows).
 * This grants the module nothing: it only lets its code link to the bridge's public classes.
 */
final class BridgeReads implements Consumer<Module> {

  private final Instrumentation inst;
  private final Module bridge = Dispatchers.class.getModule();

  BridgeReads(Instrumentation inst) {
    this.inst = inst;
  }

  @Override
  public void accept(Module module) {
    if (module != null && module.isNamed() && !module.canRead(bridge)) {
      inst.redefineModule(
          module,
          Collections.singleton(bridge),
          Collections.<String, Set<Module>>emptyMap(),
          Collections.<String, Set<Module>>emptyMap(),
          Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, List<Class<?>>>emptyMap());
    }
  }
}
