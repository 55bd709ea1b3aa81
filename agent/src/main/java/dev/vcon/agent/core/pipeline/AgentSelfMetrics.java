package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.Role;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the agent says about itself beside the SDK's own health metrics ({@code otel.sdk.*}, see
 * {@link TelemetryFactory}): {@code vcon.agent.advice.errors{role}}, the calls whose recording
 * failed inside the agent (the host's call itself was unaffected). An observable counter, so the
 * count costs the recording path nothing beyond the failure itself, and a rebuilt generation
 * reports the same process-wide total.
 */
final class AgentSelfMetrics {
  static final String ADVICE_ERRORS = "vcon.agent.advice.errors";
  static final AttributeKey<String> ROLE = AttributeKey.stringKey("role");

  private AgentSelfMetrics() {}

  static void register(Meter meter, AgentHealth health) {
    Map<Role, Attributes> attributes = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      attributes.put(role, Attributes.of(ROLE, role.label()));
    }
    meter
        .counterBuilder(ADVICE_ERRORS)
        .setUnit("{call}")
        .setDescription(
            "Instrumented calls whose recording failed inside the agent; the calls themselves ran"
                + " unaffected")
        .buildWithCallback(
            measurement -> {
              for (Role role : Role.values()) {
                measurement.record(health.adviceErrors(role), attributes.get(role));
              }
            });
  }
}
