package dev.vcon.agent.core.config;

/** How the agent names its process instance when {@code vcon.agent.instance-id} is not set. */
public enum InstanceIdFormat {
  /** {@code <host>-<pid>}: stable for the life of the process and readable in a backend. */
  HOST_PID("host-pid"),
  /**
   * A random UUID: unique even for several processes with the same host name and pid (containers).
   */
  UUID("uuid");

  private final String text;

  InstanceIdFormat(String text) {
    this.text = text;
  }

  /** The setting's spelling, e.g. {@code host-pid}. */
  public String text() {
    return text;
  }

  /** The format spelled {@code text} (case-insensitive), or null. */
  static InstanceIdFormat fromText(String text) {
    for (InstanceIdFormat format : values()) {
      if (format.text.equalsIgnoreCase(text)) {
        return format;
      }
    }
    return null;
  }
}
