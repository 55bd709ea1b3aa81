package dev.vcon.agent.bridge;

/**
 * What an instrumented method's enter advice hands to its exit advice. The handle finishes the work
 * its own enter started, so a run is never half-recorded even if the dispatcher is swapped between
 * the two (deferred start, pipeline rebuild).
 *
 * <p>Boot-loaded: part of the bridge that inlined advice in any class loader can see.
 */
public interface ExitHandle {

  /** Called exactly once, on every exit path; {@code thrown} is null on a normal return. */
  void exit(Object result, Throwable thrown);
}
