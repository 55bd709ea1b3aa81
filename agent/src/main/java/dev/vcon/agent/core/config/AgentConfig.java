package dev.vcon.agent.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The agent's whole configuration, read and validated once at start.
 *
 * <p>Sources, highest first: system properties ({@code -Dvcon.agent.chain.methods=...}),
 * environment variables ({@code VCON_AGENT_CHAIN_METHODS}), the properties file, built-in defaults
 * that fit the sample app. The file is named by {@code vcon.agent.config} (system property, then
 * environment) or else by the agent argument ({@code
 * -javaagent:vcon-otel-agent.jar=/etc/x.properties}); the setting wins so an operator can redirect
 * a baked-in {@code -javaagent} line.
 *
 * <p>Nothing here throws on bad input: each bad value is one line to {@code problems}, after which
 * the default is used (typed settings) or the role is off (method and expression settings).
 */
public final class AgentConfig {

  /** Every problem line starts with this. */
  public static final String PROBLEM_PREFIX = "vcon-otel-agent: ";

  public static final String CONFIG = "vcon.agent.config";
  public static final String ENABLED = "vcon.agent.enabled";
  public static final String INSTANCE_ID = "vcon.agent.instance-id";
  public static final String INSTANCE_ID_FORMAT = "vcon.agent.instance-id.format";
  public static final String SHUTDOWN_TIMEOUT = "vcon.agent.shutdown.timeout";
  public static final String START_DELAY = "vcon.agent.start.delay";
  public static final String DRAIN_TIMEOUT = "vcon.agent.drain.timeout";

  private final LayeredSettings settings;
  private final boolean enabled;
  private final String instanceId;
  private final InstanceIdFormat instanceIdFormat;
  private final Duration shutdownTimeout;
  private final Duration startDelay;
  private final Duration drainTimeout;
  private final Map<Role, RoleConfig> roles = new EnumMap<>(Role.class);

  private AgentConfig(LayeredSettings settings, Consumer<String> problems) {
    this.settings = settings;
    this.enabled = readBoolean(ENABLED, problems);
    this.instanceId = settings.get(INSTANCE_ID);
    this.instanceIdFormat = readInstanceIdFormat(problems);
    this.shutdownTimeout = readDuration(SHUTDOWN_TIMEOUT, problems);
    this.startDelay = readDuration(START_DELAY, problems);
    this.drainTimeout = readDuration(DRAIN_TIMEOUT, problems);
    for (Role role : Role.values()) {
      roles.put(role, RoleConfig.read(role, settings, problems));
    }
  }

  /** Reads this JVM's system properties, environment and properties file. */
  public static AgentConfig load(String agentArgs, Consumer<String> problems) {
    Properties system = System.getProperties();
    Map<String, String> systemProperties = new HashMap<>();
    // stringPropertyNames() is a snapshot, safe against concurrent changes by the host.
    for (String key : system.stringPropertyNames()) {
      String value = system.getProperty(key);
      if (value != null) {
        systemProperties.put(key, value);
      }
    }
    return load(agentArgs, systemProperties, System.getenv(), problems);
  }

  /** As {@link #load(String, Consumer)}, with the system properties and environment given. */
  public static AgentConfig load(
      String agentArgs,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Consumer<String> problems) {
    Settings withoutFile = new LayeredSettings(systemProperties, environment, null, null);
    String fromSetting = withoutFile.get(CONFIG);
    String fromArgs = agentArgs == null || agentArgs.trim().isEmpty() ? null : agentArgs.trim();
    Map<String, String> file = Collections.emptyMap();
    if (fromSetting != null) {
      file =
          PropertiesFile.read(
              fromSetting,
              CONFIG,
              "fix the path in -D"
                  + CONFIG
                  + " / "
                  + LayeredSettings.environmentName(CONFIG)
                  + " or remove it",
              problems);
    } else if (fromArgs != null) {
      file =
          PropertiesFile.read(
              fromArgs,
              "the agent argument (-javaagent:vcon-otel-agent.jar=" + fromArgs + ")",
              "fix the path after '=' or remove it",
              problems);
    }
    return from(systemProperties, environment, file, problems);
  }

  /** Builds the configuration from the three sources (the file already read) plus the defaults. */
  public static AgentConfig from(
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file,
      Consumer<String> problems) {
    return new AgentConfig(
        new LayeredSettings(systemProperties, environment, file, BuiltInDefaults.VALUES), problems);
  }

  private boolean readBoolean(String key, Consumer<String> problems) {
    String value = settings.get(key);
    String fallback = BuiltInDefaults.VALUES.get(key);
    if (value == null) {
      value = fallback;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    problems.accept(invalid(key, value, "true or false", fallback));
    return Boolean.parseBoolean(fallback);
  }

  private InstanceIdFormat readInstanceIdFormat(Consumer<String> problems) {
    String value = settings.get(INSTANCE_ID_FORMAT);
    if (value == null) {
      return InstanceIdFormat.HOST_PID;
    }
    InstanceIdFormat format = InstanceIdFormat.fromText(value);
    if (format == null) {
      format = InstanceIdFormat.HOST_PID;
      problems.accept(
          invalid(
              INSTANCE_ID_FORMAT,
              value,
              InstanceIdFormat.HOST_PID.text() + " or " + InstanceIdFormat.UUID.text(),
              format.text()));
    }
    return format;
  }

  private Duration readDuration(String key, Consumer<String> problems) {
    String fallback = BuiltInDefaults.VALUES.get(key);
    String value = settings.get(key);
    if (value != null) {
      try {
        return Durations.parse(value);
      } catch (InvalidSettingException e) {
        problems.accept(invalid(key, value, Durations.EXPECTED_FORM, fallback));
      }
    }
    return Durations.parse(fallback);
  }

  private static String invalid(String key, String value, String expected, String fallback) {
    return PROBLEM_PREFIX
        + "invalid setting "
        + key
        + "='"
        + value
        + "': expected "
        + expected
        + "; using "
        + fallback;
  }

  /** All settings, layered; also the way to read keys this class has no accessor for. */
  public LayeredSettings settings() {
    return settings;
  }

  /** {@code vcon.agent.enabled}, default true. When false the agent should install nothing. */
  public boolean enabled() {
    return enabled;
  }

  public RoleConfig chain() {
    return roles.get(Role.CHAIN);
  }

  public RoleConfig link() {
    return roles.get(Role.LINK);
  }

  public RoleConfig storage() {
    return roles.get(Role.STORAGE);
  }

  public RoleConfig role(Role role) {
    return roles.get(role);
  }

  /** The roles that are on, in {@link Role} order; empty when the agent is disabled. */
  public List<RoleConfig> roles() {
    if (!enabled) {
      return Collections.emptyList();
    }
    List<RoleConfig> on = new ArrayList<>();
    for (RoleConfig config : roles.values()) {
      if (config.enabled()) {
        on.add(config);
      }
    }
    return Collections.unmodifiableList(on);
  }

  /** {@code vcon.agent.instance-id}: an explicit instance id, or null to generate one. */
  public String instanceId() {
    return instanceId;
  }

  /** {@code vcon.agent.instance-id.format}: how to generate the instance id, default host-pid. */
  public InstanceIdFormat instanceIdFormat() {
    return instanceIdFormat;
  }

  /** {@code vcon.agent.shutdown.timeout}: how long to flush telemetry at exit, default 5s. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * How long after premain the pipeline is built if no instrumented call asks for it sooner: the
   * SDK's start-up then does not compete with the host's own, and a short-lived process that never
   * runs a chain never pays for it. No call waits for it: what is recorded before goes into the
   * pre-start buffer (so there is no {@code vcon.agent.start.wait} any more).
   */
  public Duration startDelay() {
    return startDelay;
  }

  /**
   * {@code vcon.agent.drain.timeout}: how long the exit hook waits for in-flight runs, default 10s.
   */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /**
   * The file's {@code otel.*} keys with their layered values (system properties and {@code OTEL_*}
   * environment variables win), for the SDK's autoconfiguration. There are no built-in ones.
   */
  public Map<String, String> otelProperties() {
    return settings.fileKeysWithPrefix("otel.");
  }

  @Override
  public String toString() {
    return "AgentConfig" + roles.values() + (enabled ? "" : " disabled");
  }
}
