package dev.vcon.agent.core.config;

import java.util.Objects;

/**
 * How the process names its {@code service.instance.id}: {@code vcon.agent.instance-id} (an
 * explicit id) or else {@code vcon.agent.instance-id.format}, both read once by {@link
 * AgentConfig}.
 */
public final class InstanceIdSetting {

  /** Nothing configured: {@code <host>-pid-<pid>}. */
  public static final InstanceIdSetting DEFAULT =
      new InstanceIdSetting(null, InstanceIdFormat.HOST_PID);

  private final String explicitId;
  private final InstanceIdFormat format;

  private InstanceIdSetting(String explicitId, InstanceIdFormat format) {
    this.explicitId = explicitId;
    this.format = Objects.requireNonNull(format);
  }

  /** {@code explicitId} when not null, else an id generated in {@code format}. */
  public static InstanceIdSetting of(String explicitId, InstanceIdFormat format) {
    return new InstanceIdSetting(explicitId, format);
  }

  /** The id the user set on purpose, or null to generate one. */
  public String explicitId() {
    return explicitId;
  }

  public InstanceIdFormat format() {
    return format;
  }
}
