package dev.vcon.agent.core.config;

import dev.vcon.agent.core.expr.ValueText;
import dev.vcon.agent.core.share.ShareMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The agent's whole configuration, read and validated once at start: every setting is read here,
 * into a typed value, and the rest of the agent receives those values.
 *
 * <p>Sources, highest first: system properties ({@code -Dvcon.agent.chain.methods=...}),
 * environment variables ({@code VCON_AGENT_CHAIN_METHODS}), the properties file. The file is named
 * by {@code vcon.agent.config} (system property, then environment) or else by the agent argument
 * ({@code -javaagent:vcon-otel-agent.jar=/etc/x.properties}); the setting wins so an operator can
 * redirect a baked-in {@code -javaagent} line. With nothing configured the agent instruments
 * nothing: which methods to instrument is always the user's choice.
 *
 * <p>Nothing here throws on bad input: each bad value is one line to {@code problems}, after which
 * the default is used (typed settings) or the role is off (method and expression settings).
 */
public final class AgentConfig {

  /** Every problem line starts with this. */
  public static final String PROBLEM_PREFIX = "vcon-otel-agent: ";

  static final String CONFIG = "vcon.agent.config";
  static final String ENABLED = "vcon.agent.enabled";
  static final String INSTANCE_ID = "vcon.agent.instance-id";
  static final String INSTANCE_ID_FORMAT = "vcon.agent.instance-id.format";
  static final String SHUTDOWN_TIMEOUT = "vcon.agent.shutdown.timeout";
  static final String START_DELAY = "vcon.agent.start.delay";
  static final String DRAIN_TIMEOUT = "vcon.agent.drain.timeout";
  static final String VALUE_LENGTH_LIMIT = "otel.attribute.value.length.limit";

  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_START_DELAY = Duration.ofSeconds(1);
  static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final boolean enabled;
  private final InstanceIdSetting instanceId;
  private final Duration shutdownTimeout;
  private final Duration startDelay;
  private final Duration drainTimeout;
  private final List<RoleConfig> roles;
  private final OtelSettings otel;
  private final ShareMode contextShare;
  private final int valueLengthLimit;

  private AgentConfig(LayeredSettings settings, Consumer<String> problems) {
    this.enabled = readEnabled(settings, problems);
    this.instanceId =
        InstanceIdSetting.of(settings.get(INSTANCE_ID), readInstanceIdFormat(settings, problems));
    this.shutdownTimeout =
        readDuration(settings, SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, problems);
    this.startDelay = readDuration(settings, START_DELAY, DEFAULT_START_DELAY, problems);
    this.drainTimeout = readDuration(settings, DRAIN_TIMEOUT, DEFAULT_DRAIN_TIMEOUT, problems);
    List<RoleConfig> on = new ArrayList<>();
    for (Role role : Role.values()) {
      RoleConfig config = RoleConfig.read(role, settings, problems);
      if (config.enabled()) {
        on.add(config);
      }
    }
    this.roles = Collections.unmodifiableList(on);
    this.otel = new OtelSettings(settings);
    this.contextShare = ShareMode.read(settings, problems);
    this.valueLengthLimit = readValueLengthLimit(settings, problems);
  }

  private static int readValueLengthLimit(Settings settings, Consumer<String> problems) {
    String value = settings.get(VALUE_LENGTH_LIMIT);
    if (value == null) {
      return ValueText.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    problems.accept(
        invalid(
            VALUE_LENGTH_LIMIT,
            value,
            "a positive whole number of characters (OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT)",
            String.valueOf(ValueText.DEFAULT_LIMIT)));
    return ValueText.DEFAULT_LIMIT;
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
    Settings withoutFile = new LayeredSettings(systemProperties, environment, null);
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

  /** Builds the configuration from the three sources, the file already read. */
  public static AgentConfig from(
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file,
      Consumer<String> problems) {
    UnknownSettings.report(systemProperties, environment, file, problems);
    return new AgentConfig(new LayeredSettings(systemProperties, environment, file), problems);
  }

  private static boolean readEnabled(Settings settings, Consumer<String> problems) {
    String value = settings.get(ENABLED);
    if (value == null || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    problems.accept(invalid(ENABLED, value, "true or false", "true"));
    return true;
  }

  private static InstanceIdFormat readInstanceIdFormat(
      Settings settings, Consumer<String> problems) {
    String value = settings.get(INSTANCE_ID_FORMAT);
    InstanceIdFormat format =
        value == null ? InstanceIdFormat.HOST_PID : InstanceIdFormat.fromText(value);
    if (format != null) {
      return format;
    }
    problems.accept(
        invalid(
            INSTANCE_ID_FORMAT,
            value,
            InstanceIdFormat.HOST_PID.text() + " or " + InstanceIdFormat.UUID.text(),
            InstanceIdFormat.HOST_PID.text()));
    return InstanceIdFormat.HOST_PID;
  }

  private static Duration readDuration(
      Settings settings, String key, Duration fallback, Consumer<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (InvalidSettingException e) {
      problems.accept(invalid(key, value, Durations.EXPECTED_FORM, Durations.format(fallback)));
      return fallback;
    }
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

  /** {@code vcon.agent.enabled}, default true. When false the agent should install nothing. */
  public boolean enabled() {
    return enabled;
  }

  /** The roles that are on, in {@link Role} order; empty when the agent is disabled. */
  public List<RoleConfig> roles() {
    return enabled ? roles : Collections.<RoleConfig>emptyList();
  }

  /**
   * What the agent instruments, for its start-up line: the roles that are on with their methods, or
   * a pointer to the setting when there are none.
   */
  public String instrumenting() {
    List<RoleConfig> on = roles();
    if (on.isEmpty()) {
      return "nothing configured (set " + Role.CHAIN.key(RoleConfig.METHODS) + ", see README)";
    }
    StringBuilder text = new StringBuilder();
    for (RoleConfig role : on) {
      text.append(text.length() == 0 ? "" : " ").append(role);
    }
    return text.toString();
  }

  /** {@code vcon.agent.instance-id} and {@code vcon.agent.instance-id.format}. */
  public InstanceIdSetting instanceId() {
    return instanceId;
  }

  /** {@code vcon.agent.shutdown.timeout}: how long to flush telemetry at exit, default 5 s. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * {@code vcon.agent.start.delay}, default 1 s: how long after premain the pipeline is built if no
   * instrumented call asks for it sooner: the SDK's start-up then does not compete with the host's
   * own, and a short-lived process that never runs a chain never pays for it. No call waits for it:
   * what is recorded before goes into the pre-start buffer (there is no {@code
   * vcon.agent.start.wait} any more).
   */
  public Duration startDelay() {
    return startDelay;
  }

  /**
   * {@code vcon.agent.drain.timeout}, default 10 s: how long the exit hook waits for in-flight
   * runs.
   */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** {@code vcon.agent.context.share}, default auto: with whom our open span is shared. */
  public ShareMode contextShare() {
    return contextShare;
  }

  /**
   * {@code otel.attribute.value.length.limit} ({@code OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT}), default
   * {@value ValueText#DEFAULT_LIMIT}: the most characters of a host value (chain, link and storage
   * names, vCon ids) the agent keeps, in span names, span attributes and metric attributes alike.
   */
  public int valueLengthLimit() {
    return valueLengthLimit;
  }

  /** The SDK's {@code otel.*} settings, for the pipeline. */
  public OtelSettings otel() {
    return otel;
  }

  @Override
  public String toString() {
    return "AgentConfig" + roles + (enabled ? "" : " disabled");
  }
}
