package dev.vcon.agent.bridge;

/**
 * The agent's side of an instrumented method. Boot-loaded; implemented in the agent's isolated
 * class loader and installed through {@link Dispatchers}.
 */
public interface Dispatcher {

  /**
   * Called on entry of an instrumented method.
   *
   * @param methodId the id the agent gave the method when it instrumented it
   * @param self the receiver, or null for a static method
   * @param args the arguments
   * @return the handle to finish the call with, or null to record nothing
   */
  ExitHandle enter(int methodId, Object self, Object[] args);
}
