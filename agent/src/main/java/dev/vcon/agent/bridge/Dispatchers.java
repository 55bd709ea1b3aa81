package dev.vcon.agent.bridge;

/**
 * The one entry point that inlined advice calls. It is loaded by the bootstrap class loader so that
 * instrumented classes in every class loader resolve the same class, and it depends on nothing but
 * the JDK.
 *
 * <p>Until the agent installs its dispatcher, calls are no-ops. Neither method ever throws: the
 * host's method must behave exactly as without the agent.
 */
public final class Dispatchers {

  private static volatile Dispatcher dispatcher;

  private Dispatchers() {}

  /** Installs (or, with null, removes) the agent's dispatcher. */
  public static void install(Dispatcher newDispatcher) {
    dispatcher = newDispatcher;
  }

  public static Object enter(int methodId, Object self, Object[] args) {
    Dispatcher current = dispatcher;
    if (current == null) {
      return null;
    }
    try {
      return current.enter(methodId, self, args);
    } catch (Throwable ignored) {
      return null;
    }
  }

  public static void exit(Object handle, Object result, Throwable thrown) {
    if (handle instanceof ExitHandle) {
      try {
        ((ExitHandle) handle).exit(result, thrown);
      } catch (Throwable ignored) {
        // last resort: the agent's handles count their own failures; none may reach the host
      }
    }
  }
}
