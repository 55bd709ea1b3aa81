package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.Role;

/**
 * The agent's own failures that only the agent can count, read by the self-telemetry callback
 * ({@link AgentSelfMetrics}) at each metric collection, never on a host thread.
 */
public interface AgentHealth {

  /** Nothing to report: for pipelines built without a tracker (tests, embedding). */
  AgentHealth NONE = role -> 0;

  /** Failures caught inside the agent while recording {@code role}'s calls, since start. */
  long adviceErrors(Role role);
}
