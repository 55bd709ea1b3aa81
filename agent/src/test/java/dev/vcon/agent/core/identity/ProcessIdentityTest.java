package dev.vcon.agent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.InstanceIdFormat;
import dev.vcon.agent.core.config.InstanceIdSetting;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {
  private static final Instant STARTED = Instant.parse("2026-11-24T06:00:00.123Z");

  private static final InstanceIdSetting UUID_FORMAT =
      InstanceIdSetting.of(null, InstanceIdFormat.UUID);

  private static ProcessIdentity detect(InstanceIdSetting setting, long pid) {
    return ProcessIdentity.detect(setting, () -> pid, () -> "worker-host", () -> STARTED);
  }

  private static ProcessIdentity detect(long pid) {
    return detect(InstanceIdSetting.DEFAULT, pid);
  }

  @Test
  void serviceNameDefaultsToVconServerInsteadOfTheSdksUnknownService() {
    assertThat(Resource.getDefault().getAttribute(ProcessIdentity.SERVICE_NAME))
        .startsWith("unknown_service");
    assertThat(detect(42).applyTo(Resource.getDefault()).getAttribute(ProcessIdentity.SERVICE_NAME))
        .isEqualTo("vcon-server");
  }

  @Test
  void serviceNameTheSdkResolvedIsKept() {
    Resource configured =
        Resource.getDefault().merge(Resource.builder().put("service.name", "billing").build());
    assertThat(detect(1).applyTo(configured).getAttribute(ProcessIdentity.SERVICE_NAME))
        .isEqualTo("billing");
  }

  @Test
  void instanceIdIsHostDashPidDashPidByDefault() {
    ProcessIdentity identity = detect(4242);
    assertThat(identity.serviceInstanceId()).isEqualTo("worker-host-pid-4242");
    assertThat(identity.hostName()).isEqualTo("worker-host");
    assertThat(identity.pid()).isEqualTo(4242);
    assertThat(identity.creationTime()).isEqualTo(STARTED);
  }

  @Test
  void explicitInstanceIdOverridesDerivedOneAndFormat() {
    InstanceIdSetting settings = InstanceIdSetting.of("blue-7", InstanceIdFormat.UUID);
    assertThat(detect(settings, 1).serviceInstanceId()).isEqualTo("blue-7");
  }

  @Test
  void uuidFormatIsVersion5StableForTheProcessAndDistinctPerPidOrStart() {
    InstanceIdSetting settings = UUID_FORMAT;
    String id = detect(settings, 77).serviceInstanceId();
    UUID uuid = UUID.fromString(id);
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(detect(settings, 77).serviceInstanceId()).isEqualTo(id);
    assertThat(id)
        .isEqualTo(
            InstanceIds.nameUuidV5(
                    InstanceIds.SEMCONV_NAMESPACE, "worker-host|77|" + STARTED.toEpochMilli())
                .toString());
    assertThat(detect(settings, 78).serviceInstanceId()).isNotEqualTo(id);
    String laterStart =
        ProcessIdentity.detect(
                settings, () -> 77, () -> "worker-host", () -> STARTED.plusSeconds(1))
            .serviceInstanceId();
    assertThat(laterStart).isNotEqualTo(id);
  }

  @Test
  void uuidV5MatchesTheRfcAlgorithm() {
    // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in CPython.
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(InstanceIds.nameUuidV5(dns, "python.org"))
        .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
  }

  @Test
  void resourceCarriesProcessSdkAndDistroAttributes() {
    Resource resource = detect(99).applyTo(Resource.getDefault());
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_NAME)).isEqualTo("vcon-server");
    assertThat(resource.getAttribute(ProcessIdentity.SERVICE_INSTANCE_ID))
        .isEqualTo("worker-host-pid-99");
    assertThat(resource.getAttribute(ProcessIdentity.HOST_NAME)).isEqualTo("worker-host");
    assertThat(resource.getAttribute(ProcessIdentity.PROCESS_PID)).isEqualTo(99L);
    assertThat(resource.getAttribute(ProcessIdentity.PROCESS_CREATION_TIME))
        .isEqualTo("2026-11-24T06:00:00.123Z");
    assertThat(resource.getAttribute(ProcessIdentity.PROCESS_RUNTIME_NAME)).isNotBlank();
    assertThat(resource.getAttribute(ProcessIdentity.PROCESS_RUNTIME_VERSION)).isNotBlank();
    assertThat(resource.getAttribute(ProcessIdentity.TELEMETRY_DISTRO_NAME))
        .isEqualTo("vcon-otel-agent");
    assertThat(resource.getAttribute(ProcessIdentity.TELEMETRY_DISTRO_VERSION)).isEqualTo("dev");
    assertThat(resource.getAttributes().asMap().keySet())
        .extracting(key -> key.getKey())
        .contains("telemetry.sdk.name", "telemetry.sdk.language", "telemetry.sdk.version");
  }

  @Test
  void derivedInstanceIdWinsOverOneInheritedThroughTheEnvironmentButUserHostNameStays() {
    Resource inherited =
        Resource.getDefault()
            .merge(
                Resource.builder()
                    .put("service.instance.id", "parent-pid-1")
                    .put("host.name", "k8s-node-3")
                    .put("deployment.environment.name", "prod")
                    .build());
    Resource applied = detect(5).applyTo(inherited);
    assertThat(applied.getAttribute(ProcessIdentity.SERVICE_INSTANCE_ID))
        .isEqualTo("worker-host-pid-5");
    assertThat(applied.getAttribute(ProcessIdentity.HOST_NAME)).isEqualTo("k8s-node-3");
    assertThat(applied.getAttributes().asMap().keySet())
        .extracting(key -> key.getKey())
        .contains("deployment.environment.name");
  }

  @Test
  void detectsTheRealProcessByDefault() {
    ProcessIdentity identity =
        ProcessIdentity.detect(InstanceIdSetting.DEFAULT, PidSource.system());
    assertThat(identity.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(identity.serviceInstanceId())
        .isEqualTo(identity.hostName() + "-pid-" + ProcessHandle.current().pid());
    assertThat(identity.creationTime()).isBefore(Instant.now().plusSeconds(1));
  }
}
