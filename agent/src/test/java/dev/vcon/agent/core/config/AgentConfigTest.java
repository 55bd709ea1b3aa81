package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  private final List<String> problems = new ArrayList<>();

  @TempDir Path dir;

  private AgentConfig withSys(Map<String, String> sys) {
    return AgentConfig.from(sys, Collections.emptyMap(), Collections.emptyMap(), problems::add);
  }

  private Path file(String content) throws IOException {
    Path path = dir.resolve("vcon-agent.properties");
    Files.write(path, content.getBytes(StandardCharsets.UTF_8));
    return path;
  }

  // ---- defaults -------------------------------------------------------------------------------

  @Test
  void noConfigurationGivesTheSampleAppDefaults() {
    AgentConfig c = withSys(Map.of());
    assertThat(problems).isEmpty();
    assertThat(c.enabled()).isTrue();
    assertThat(c.roles())
        .extracting(RoleConfig::role)
        .containsExactly(Role.CHAIN, Role.LINK, Role.STORAGE);

    RoleConfig chain = c.chain();
    assertThat(chain.selectors())
        .extracting(Object::toString)
        .containsExactly("dev.vcon.sample.chain.ChainRequest#process");
    assertThat(chain.name().text()).isEqualTo("this.chainDetails.name");
    assertThat(chain.vconId().text()).isEqualTo("this.vconId");
    assertThat(chain.context().text()).isEqualTo("this.context");
    assertThat(chain.index()).isNull();

    RoleConfig link = c.link();
    assertThat(link.selectors())
        .extracting(Object::toString)
        .containsExactly("dev.vcon.sample.link.Link#run");
    assertThat(link.name().text()).isEqualTo("arg1");
    assertThat(link.vconId().text()).isEqualTo("arg0");
    assertThat(link.index().text()).isEqualTo("arg2");
    assertThat(link.context()).isNull();

    RoleConfig storage = c.storage();
    assertThat(storage.selectors())
        .extracting(Object::toString)
        .containsExactly("dev.vcon.sample.storage.Storage#save");
    assertThat(storage.name().text()).isEqualTo("this.name");
    assertThat(storage.vconId().text()).isEqualTo("arg0");
    assertThat(storage.index()).isNull();
    assertThat(storage.context()).isNull();

    assertThat(c.instanceId()).isNull();
    assertThat(c.instanceIdFormat()).isEqualTo(InstanceIdFormat.HOST_PID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.startDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.otelProperties()).isEmpty();
  }

  @Test
  void ownChainMethodsKeepTheDefaultExpressions() {
    AgentConfig c = withSys(Map.of("vcon.agent.chain.methods", "com.acme.Run#go,com.acme.Run2#go"));
    assertThat(c.chain().selectors()).hasSize(2);
    assertThat(c.chain().name().text()).isEqualTo("this.chainDetails.name");
    assertThat(problems).isEmpty();
  }

  @Test
  void loadFromTheRealJvmWorksWithoutConfiguration() {
    AgentConfig c = AgentConfig.load(null, problems::add);
    assertThat(c.chain()).isNotNull();
    assertThat(problems).isEmpty();
  }

  // ---- precedence -----------------------------------------------------------------------------

  @Test
  void systemPropertyBeatsEnvironmentBeatsFileBeatsDefault() {
    String key = "vcon.agent.link.name";
    Map<String, String> file = Map.of(key, "'file'");
    Map<String, String> env = Map.of("VCON_AGENT_LINK_NAME", "'env'");
    Map<String, String> sys = Map.of(key, "'sys'");
    assertThat(AgentConfig.from(sys, env, file, problems::add).link().name().text())
        .isEqualTo("'sys'");
    assertThat(AgentConfig.from(Map.of(), env, file, problems::add).link().name().text())
        .isEqualTo("'env'");
    assertThat(AgentConfig.from(Map.of(), Map.of(), file, problems::add).link().name().text())
        .isEqualTo("'file'");
    assertThat(AgentConfig.from(Map.of(), Map.of(), Map.of(), problems::add).link().name().text())
        .isEqualTo("arg1");
    assertThat(problems).isEmpty();
  }

  @Test
  void environmentNamesMapDotsAndDashes() {
    AgentConfig c =
        AgentConfig.from(
            Map.of(),
            Map.of("VCON_AGENT_CHAIN_VCON_ID", "arg0.uuid", "VCON_AGENT_SHUTDOWN_TIMEOUT", "750ms"),
            Map.of(),
            problems::add);
    assertThat(c.chain().vconId().text()).isEqualTo("arg0.uuid");
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(750));
  }

  // ---- the file -------------------------------------------------------------------------------

  @Test
  void fileNamedByTheAgentArgumentIsRead() throws IOException {
    Path path = file("vcon.agent.storage.name='s3'\notel.service.name=conserver\n");
    AgentConfig c = AgentConfig.load(" " + path + " ", Map.of(), Map.of(), problems::add);
    assertThat(c.storage().name().text()).isEqualTo("'s3'");
    assertThat(c.otelProperties()).containsOnly(Map.entry("otel.service.name", "conserver"));
    assertThat(problems).isEmpty();
  }

  @Test
  void fileNamedByTheSettingIsReadFromSystemPropertyOrEnvironment() throws IOException {
    Path path = file("vcon.agent.storage.name='s3'\n");
    AgentConfig viaSys =
        AgentConfig.load(
            null, Map.of("vcon.agent.config", path.toString()), Map.of(), problems::add);
    AgentConfig viaEnv =
        AgentConfig.load("", Map.of(), Map.of("VCON_AGENT_CONFIG", path.toString()), problems::add);
    assertThat(viaSys.storage().name().text()).isEqualTo("'s3'");
    assertThat(viaEnv.storage().name().text()).isEqualTo("'s3'");
    assertThat(problems).isEmpty();
  }

  @Test
  void theSettingBeatsTheAgentArgument() throws IOException {
    Path chosen = file("vcon.agent.storage.name='chosen'\n");
    AgentConfig c =
        AgentConfig.load(
            dir.resolve("absent.properties").toString(),
            Map.of("vcon.agent.config", chosen.toString()),
            Map.of(),
            problems::add);
    assertThat(c.storage().name().text()).isEqualTo("'chosen'");
    assertThat(problems).isEmpty();
  }

  @Test
  void fileOtelKeysLoseToSystemPropertiesAndEnvironment() throws IOException {
    Path path =
        file(
            "otel.service.name=file\n"
                + "otel.exporter.otlp.endpoint=http://file:4317\n"
                + "otel.resource.attributes=a=b\n");
    AgentConfig c =
        AgentConfig.load(
            path.toString(),
            Map.of("otel.service.name", "sys"),
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4317"),
            problems::add);
    assertThat(c.otelProperties())
        .containsOnly(
            Map.entry("otel.service.name", "sys"),
            Map.entry("otel.exporter.otlp.endpoint", "http://env:4317"),
            Map.entry("otel.resource.attributes", "a=b"));
  }

  @Test
  void missingFileIsOneLineNamingSettingPathAndFixAndTheRestWorks() {
    String missing = dir.resolve("nope.properties").toString();
    AgentConfig c =
        AgentConfig.load(null, Map.of("vcon.agent.config", missing), Map.of(), problems::add);
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: cannot read the properties file '"
                + missing
                + "' named by vcon.agent.config (no such file); fix the path in -Dvcon.agent.config"
                + " / VCON_AGENT_CONFIG or remove it; continuing without the file");
    assertThat(c.roles()).hasSize(3);
  }

  @Test
  void missingFileNamedByTheAgentArgumentSaysSo() {
    String missing = dir.resolve("nope.properties").toString();
    AgentConfig c = AgentConfig.load(missing, Map.of(), Map.of(), problems::add);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("vcon-otel-agent: cannot read the properties file '" + missing + "'")
        .contains("named by the agent argument (-javaagent:vcon-otel-agent.jar=" + missing + ")")
        .contains("fix the path after '=' or remove it");
    assertThat(c.enabled()).isTrue();
  }

  @Test
  void aDirectoryInsteadOfAFileIsOneLine() {
    AgentConfig.load(dir.toString(), Map.of(), Map.of(), problems::add);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains(dir.toString());
  }

  // ---- typed settings -------------------------------------------------------------------------

  @Test
  void typedSettingsAreRead() {
    AgentConfig c =
        withSys(
            Map.of(
                "vcon.agent.enabled", "FALSE",
                "vcon.agent.instance-id", "worker-7",
                "vcon.agent.instance-id.format", "uuid",
                "vcon.agent.shutdown.timeout", "500ms",
                "vcon.agent.start.delay", "0",
                "vcon.agent.drain.timeout", "1m"));
    assertThat(problems).isEmpty();
    assertThat(c.enabled()).isFalse();
    assertThat(c.roles()).isEmpty();
    assertThat(c.chain().enabled()).isTrue();
    assertThat(c.instanceId()).isEqualTo("worker-7");
    assertThat(c.instanceIdFormat()).isEqualTo(InstanceIdFormat.UUID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.startDelay()).isEqualTo(Duration.ZERO);
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badTypedValuesAreOneLineEachAndTheDefaultIsUsed() {
    AgentConfig c =
        withSys(
            Map.of(
                "vcon.agent.enabled", "maybe",
                "vcon.agent.instance-id.format", "mac",
                "vcon.agent.shutdown.timeout", "5 sec",
                "vcon.agent.start.delay", "-1s",
                "vcon.agent.drain.timeout", "ten"));
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "vcon-otel-agent: invalid setting vcon.agent.enabled='maybe': expected true or false;"
                + " using true",
            "vcon-otel-agent: invalid setting vcon.agent.instance-id.format='mac': expected"
                + " host-pid or uuid; using host-pid",
            "vcon-otel-agent: invalid setting vcon.agent.shutdown.timeout='5 sec': expected a"
                + " non-negative duration like 5s, 500ms, 2m or 5000 (milliseconds); using 5s",
            "vcon-otel-agent: invalid setting vcon.agent.start.delay='-1s': expected a non-negative"
                + " duration like 5s, 500ms, 2m or 5000 (milliseconds); using 1s",
            "vcon-otel-agent: invalid setting vcon.agent.drain.timeout='ten': expected a"
                + " non-negative duration like 5s, 500ms, 2m or 5000 (milliseconds); using 10s");
    assertThat(c.enabled()).isTrue();
    assertThat(c.instanceIdFormat()).isEqualTo(InstanceIdFormat.HOST_PID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.startDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.roles()).hasSize(3);
  }

  // ---- roles ----------------------------------------------------------------------------------

  @Test
  void badSelectorIsOneLineAndOnlyThatRoleIsOff() {
    AgentConfig c = withSys(Map.of("vcon.agent.link.methods", "com.acme.Link.run"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.link.methods='com.acme.Link.run': expected"
                + " fully.qualified.Type#method[,Type#method...]; the link role is off");
    assertThat(c.link().enabled()).isFalse();
    assertThat(c.link().selectors()).isEmpty();
    assertThat(c.link().name()).isNull();
    assertThat(c.roles()).extracting(RoleConfig::role).containsExactly(Role.CHAIN, Role.STORAGE);
  }

  @Test
  void badExpressionIsOneLineAndOnlyThatRoleIsOff() {
    AgentConfig c = withSys(Map.of("vcon.agent.chain.context", "this..context"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.chain.context='this..context': expected"
                + " this or argN followed by .name steps (e.g. this.chainDetails.name, arg0), or a"
                + " quoted 'constant'; the chain role is off");
    assertThat(c.chain().enabled()).isFalse();
    assertThat(c.roles()).extracting(RoleConfig::role).containsExactly(Role.LINK, Role.STORAGE);
  }

  @Test
  void everyBadValueOfARoleIsReported() {
    withSys(Map.of("vcon.agent.storage.methods", "x", "vcon.agent.storage.vcon-id", "arg"));
    assertThat(problems).hasSize(2);
    assertThat(problems).allMatch(line -> line.endsWith("; the storage role is off"));
  }

  @Test
  void blankMethodsSwitchTheRoleOffQuietly() {
    AgentConfig c = withSys(Map.of("vcon.agent.storage.methods", ""));
    assertThat(problems).isEmpty();
    assertThat(c.storage().enabled()).isFalse();
    assertThat(c.roles()).hasSize(2);
  }

  @Test
  void blankOptionalExpressionSwitchesItOff() {
    AgentConfig c = withSys(Map.of("vcon.agent.chain.context", " ", "vcon.agent.link.index", ""));
    assertThat(problems).isEmpty();
    assertThat(c.chain().context()).isNull();
    assertThat(c.link().index()).isNull();
    assertThat(c.roles()).hasSize(3);
  }

  @Test
  void blankRequiredExpressionIsOneLineAndTheRoleIsOff() {
    AgentConfig c = withSys(Map.of("vcon.agent.link.vcon-id", ""));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: missing setting vcon.agent.link.vcon-id: expected this or argN"
                + " followed by .name steps (e.g. this.chainDetails.name, arg0), or a quoted"
                + " 'constant'; the link role is off");
    assertThat(c.link().enabled()).isFalse();
  }

  @Test
  void settingsExposeEveryLayeredKey() {
    AgentConfig c = withSys(Map.of("vcon.agent.custom", "x"));
    assertThat(c.settings().get("vcon.agent.custom")).isEqualTo("x");
    assertThat(c.settings().get("vcon.agent.shutdown.timeout")).isEqualTo("5s");
  }
}
