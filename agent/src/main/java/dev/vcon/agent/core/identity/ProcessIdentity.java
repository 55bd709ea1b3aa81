package dev.vcon.agent.core.identity;

import dev.vcon.agent.core.config.InstanceIdFormat;
import dev.vcon.agent.core.config.InstanceIdSetting;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
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

  /** The service name when neither {@code otel.service.name} nor a resource attribute sets one. */
  public static final String DEFAULT_SERVICE_NAME = "vcon-server";

  /** The SDK's fallback service name, {@code unknown_service:java}: not a name the user chose. */
  private static final String SDK_UNKNOWN_SERVICE = "unknown_service";

  private final String serviceInstanceId;
  private final String hostName;
  private final long pid;
  private final Instant creationTime;
  private final String runtimeName;
  private final String runtimeVersion;

  ProcessIdentity(
      String serviceInstanceId,
      String hostName,
      long pid,
      Instant creationTime,
      String runtimeName,
      String runtimeVersion) {
    this.serviceInstanceId = Objects.requireNonNull(serviceInstanceId);
    this.hostName = Objects.requireNonNull(hostName);
    this.pid = pid;
    this.creationTime = Objects.requireNonNull(creationTime);
    this.runtimeName = Objects.requireNonNull(runtimeName);
    this.runtimeVersion = Objects.requireNonNull(runtimeVersion);
  }

  /** The identity of the running process, as of now. */
  public static ProcessIdentity detect(InstanceIdSetting instanceId, PidSource pidSource) {
    return detect(instanceId, pidSource, HostNames::kernelHostName, ProcessStart::instant);
  }

  static ProcessIdentity detect(
      InstanceIdSetting instanceId,
      PidSource pidSource,
      Supplier<String> hostNames,
      Supplier<Instant> creationTimes) {
    String host = hostNames.get();
    long pid = pidSource.pid();
    Instant created = creationTimes.get();
    return new ProcessIdentity(
        instanceId(instanceId, host, pid, created),
        host,
        pid,
        created,
        orUnknown(System.getProperty("java.runtime.name")),
        orUnknown(System.getProperty("java.runtime.version")));
  }

  private static String instanceId(
      InstanceIdSetting setting, String host, long pid, Instant created) {
    if (setting.explicitId() != null) {
      return setting.explicitId();
    }
    if (setting.format() == InstanceIdFormat.UUID) {
      return InstanceIds.uuid(host, pid, created.toEpochMilli());
    }
    return InstanceIds.hostPid(host, pid);
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
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

  /**
   * This identity laid over {@code base} (typically the SDK's default plus {@code
   * OTEL_RESOURCE_ATTRIBUTES}). The identity keys always win: a parent that hands its environment,
   * including a {@code service.instance.id}, to N workers would otherwise give them all the same
   * id, the collision this agent exists to prevent; only {@code vcon.agent.instance-id} (already
   * folded into {@link #serviceInstanceId()}) beats the derived id. Descriptive keys ({@code
   * host.name}, runtime) stay as the user set them, e.g. a Kubernetes node name. The service name
   * is the base's, which the SDK took from {@code otel.service.name} or {@code
   * otel.resource.attributes}, else the conserver's {@value #DEFAULT_SERVICE_NAME}.
   */
  public Resource applyTo(Resource base) {
    AttributesBuilder attributes = base.getAttributes().toBuilder();
    String serviceName = base.getAttribute(SERVICE_NAME);
    if (serviceName == null || serviceName.startsWith(SDK_UNKNOWN_SERVICE)) {
      serviceName = DEFAULT_SERVICE_NAME;
    }
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
