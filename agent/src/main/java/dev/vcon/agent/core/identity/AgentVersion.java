package dev.vcon.agent.core.identity;

/** The agent's own version, for {@code telemetry.distro.version} and instrumentation scopes. */
public final class AgentVersion {
  /**
   * The distribution name; deliberately without the {@code opentelemetry-} prefix reserved for
   * official distributions.
   */
  public static final String DISTRO_NAME = "vcon-otel-agent";

  private static final String VERSION = read();

  private AgentVersion() {}

  /** {@code Implementation-Version} of the agent jar's manifest, or {@code dev} outside a jar. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    Package pkg = AgentVersion.class.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null || version.trim().isEmpty() ? "dev" : version.trim();
  }
}
