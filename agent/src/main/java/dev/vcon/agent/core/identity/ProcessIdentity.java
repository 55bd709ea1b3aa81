package dev.vcon.agent.core.identity;

import dev.vcon.agent.core.config.Settings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who this worker process is, for the resource of its own meter and tracer providers. One value per
 * pid: the pid gate builds a new one when the process id changes (CRaC restore).
 */
public final class ProcessIdentity {
  public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  public static final AttributeKey<String> SERVICE_INSTANCE_ID =
      AttributeKey.stringKey("service.instance.id");
  public static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  public static final AttributeKey<Long> PROCESS_PID = AttributeKey.longKey("process.pid");
  public static final AttributeKey<String> PROCESS_CREATION_TIME =
      AttributeKey.stringKey("process.creation.time");
  public static final AttributeKey<String> PROCESS_RUNTIME_NAME =
      AttributeKey.stringKey("process.runtime.name");
  public static final AttributeKey<String> PROCESS_RUNTIME_VERSION =
      AttributeKey.stringKey("process.runtime.version");
  public static final AttributeKey<String> TELEMETRY_DISTRO_NAME =
      AttributeKey.stringKey("telemetry.distro.name");
  public static final AttributeKey<String> TELEMETRY_DISTRO_VERSION =
      AttributeKey.stringKey("telemetry.distro.version");

  /** Setting that replaces the derived instance id on purpose (the only thing that beats it). */
  public static final String INSTANCE_ID_KEY = "vcon.agent.instance-id";

  /** {@code host-pid} (default, the conserver's form) or {@code uuid} (UUID v5). */
  public static final String INSTANCE_ID_FORMAT_KEY = "vcon.agent.instance-id.format";

  public static final String DEFAULT_SERVICE_NAME = "vcon-server";

  private final String serviceName;
  private final String serviceInstanceId;
  private final String hostName;
  private final long pid;
  private final Instant creationTime;
  private final String runtimeName;
  private final String runtimeVersion;

  ProcessIdentity(
      String serviceName,
      String serviceInstanceId,
      String hostName,
      long pid,
      Instant creationTime,
      String runtimeName,
      String runtimeVersion) {
    this.serviceName = Objects.requireNonNull(serviceName);
    this.serviceInstanceId = Objects.requireNonNull(serviceInstanceId);
    this.hostName = Objects.requireNonNull(hostName);
    this.pid = pid;
    this.creationTime = Objects.requireNonNull(creationTime);
    this.runtimeName = Objects.requireNonNull(runtimeName);
    this.runtimeVersion = Objects.requireNonNull(runtimeVersion);
  }

  /** The identity of the running process, as of now. */
  public static ProcessIdentity detect(Settings settings, PidSource pidSource) {
    return detect(settings, pidSource, HostNames::kernelHostName, ProcessStart::instant);
  }

  static ProcessIdentity detect(
      Settings settings,
      PidSource pidSource,
      Supplier<String> hostNames,
      Supplier<Instant> creationTimes) {
    String host = hostNames.get();
    long pid = pidSource.pid();
    Instant created = creationTimes.get();
    return new ProcessIdentity(
        serviceName(settings),
        instanceId(settings, host, pid, created),
        host,
        pid,
        created,
        orUnknown(System.getProperty("java.runtime.name")),
        orUnknown(System.getProperty("java.runtime.version")));
  }

  /** Whether {@code format} is an accepted {@value #INSTANCE_ID_FORMAT_KEY} value. */
  public static boolean isKnownInstanceIdFormat(String format) {
    String f = format.trim().toLowerCase(Locale.ROOT);
    return f.equals("uuid") || f.equals("host-pid");
  }

  private static String instanceId(Settings settings, String host, long pid, Instant created) {
    String explicit = settings.get(INSTANCE_ID_KEY);
    if (explicit != null) {
      return explicit;
    }
    String format = settings.get(INSTANCE_ID_FORMAT_KEY, "host-pid");
    if (format.trim().equalsIgnoreCase("uuid")) {
      return InstanceIds.uuid(host, pid, created.toEpochMilli());
    }
    return InstanceIds.hostPid(host, pid);
  }

  /**
   * {@code otel.service.name} (which covers {@code OTEL_SERVICE_NAME}), else a {@code service.name}
   * given in {@code otel.resource.attributes}, else the conserver's default.
   */
  private static String serviceName(Settings settings) {
    String name = settings.get("otel.service.name");
    if (name != null) {
      return name;
    }
    String fromAttributes =
        resourceAttribute(settings.get("otel.resource.attributes"), "service.name");
    return fromAttributes != null ? fromAttributes : DEFAULT_SERVICE_NAME;
  }

  /**
   * One key of an {@code OTEL_RESOURCE_ATTRIBUTES} list ({@code k=v,k2=v2}, values URL-encoded).
   */
  static String resourceAttribute(String list, String key) {
    if (list == null) {
      return null;
    }
    for (String pair : list.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals(key)) {
        String value = pair.substring(eq + 1).trim();
        try {
          value = URLDecoder.decode(value, StandardCharsets.UTF_8.name());
        } catch (Exception e) {
          // keep the raw value, as the SDK would rather than fail
        }
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }

  public String serviceName() {
    return serviceName;
  }

  public String serviceInstanceId() {
    return serviceInstanceId;
  }

  public String hostName() {
    return hostName;
  }

  public long pid() {
    return pid;
  }

  public Instant creationTime() {
    return creationTime;
  }

  public String runtimeName() {
    return runtimeName;
  }

  public String runtimeVersion() {
    return runtimeVersion;
  }

  /**
   * The process-derived resource attributes (no {@code telemetry.sdk.*}; see {@link #resource()}).
   */
  public Attributes attributes() {
    return Attributes.builder()
        .put(SERVICE_NAME, serviceName)
        .put(SERVICE_INSTANCE_ID, serviceInstanceId)
        .put(HOST_NAME, hostName)
        .put(PROCESS_PID, pid)
        .put(PROCESS_CREATION_TIME, creationTime.toString())
        .put(PROCESS_RUNTIME_NAME, runtimeName)
        .put(PROCESS_RUNTIME_VERSION, runtimeVersion)
        .put(TELEMETRY_DISTRO_NAME, AgentVersion.DISTRO_NAME)
        .put(TELEMETRY_DISTRO_VERSION, AgentVersion.get())
        .build();
  }

  /** {@link Resource#getDefault()} (for {@code telemetry.sdk.*}) with this identity applied. */
  public Resource resource() {
    return applyTo(Resource.getDefault());
  }

  /**
   * This identity laid over {@code base} (typically the SDK's default plus {@code
   * OTEL_RESOURCE_ATTRIBUTES}). The identity keys always win: a parent that hands its environment,
   * including a {@code service.instance.id}, to N workers would otherwise give them all the same
   * id, the collision this agent exists to prevent; only {@value #INSTANCE_ID_KEY} (already folded
   * into {@link #serviceInstanceId()}) beats the derived id. Descriptive keys ({@code host.name},
   * runtime) stay as the user set them, e.g. a Kubernetes node name.
   */
  public Resource applyTo(Resource base) {
    AttributesBuilder attributes = base.getAttributes().toBuilder();
    putIfAbsent(attributes, base, HOST_NAME, hostName);
    putIfAbsent(attributes, base, PROCESS_RUNTIME_NAME, runtimeName);
    putIfAbsent(attributes, base, PROCESS_RUNTIME_VERSION, runtimeVersion);
    attributes
        .put(SERVICE_NAME, serviceName)
        .put(SERVICE_INSTANCE_ID, serviceInstanceId)
        .put(PROCESS_PID, pid)
        .put(PROCESS_CREATION_TIME, creationTime.toString())
        .put(TELEMETRY_DISTRO_NAME, AgentVersion.DISTRO_NAME)
        .put(TELEMETRY_DISTRO_VERSION, AgentVersion.get());
    // A fresh resource rather than base.toBuilder(): SDK 1.68 ties service.instance.id to an
    // experimental "service.instance" entity (a random UUID from autoconfigure), and overwriting
    // it through the builder logs a WARNING about dropping that association on every build.
    return Resource.create(attributes.build(), base.getSchemaUrl());
  }

  private static void putIfAbsent(
      AttributesBuilder builder, Resource base, AttributeKey<String> key, String value) {
    if (base.getAttribute(key) == null) {
      builder.put(key, value);
    }
  }

  @Override
  public String toString() {
    return "ProcessIdentity{service.instance.id=" + serviceInstanceId + ", pid=" + pid + "}";
  }
}
