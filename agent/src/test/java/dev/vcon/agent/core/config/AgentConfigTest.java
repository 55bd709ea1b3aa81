package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  private final List<String> problems = new ArrayList<>();

  @TempDir Path dir;

  /** A storage role's keys for a properties file, all but the name each test sets. */
  private static final String STORAGE =
      "vcon.agent.storage.methods=com.acme.Storage#save\nvcon.agent.storage.vcon-id=arg0\n";

  private AgentConfig withSys(Map<String, String> sys) {
    return AgentConfig.from(sys, Collections.emptyMap(), Collections.emptyMap(), problems::add);
  }

  private Path file(String content) throws IOException {
    Path path = dir.resolve("vcon-agent.properties");
    Files.write(path, content.getBytes(StandardCharsets.UTF_8));
    return path;
  }

  /** A full configuration of all three roles, as the sample app's properties file has it. */
  private static final Map<String, String> THREE_ROLES =
      Map.ofEntries(
          Map.entry("vcon.agent.chain.methods", "com.acme.ChainRequest#process"),
          Map.entry("vcon.agent.chain.name", "this.chainDetails.name"),
          Map.entry("vcon.agent.chain.vcon-id", "this.vconId"),
          Map.entry("vcon.agent.chain.context", "this.context"),
          Map.entry("vcon.agent.link.methods", "com.acme.Link#run"),
          Map.entry("vcon.agent.link.name", "arg1"),
          Map.entry("vcon.agent.link.vcon-id", "arg0"),
          Map.entry("vcon.agent.link.index", "arg2"),
          Map.entry("vcon.agent.storage.methods", "com.acme.Storage#save"),
          Map.entry("vcon.agent.storage.name", "this.name"),
          Map.entry("vcon.agent.storage.vcon-id", "arg0"));

  /** The three roles from the file, {@code sys} over them. */
  private AgentConfig threeRolesWith(Map<String, String> sys) {
    return AgentConfig.from(sys, Collections.emptyMap(), THREE_ROLES, problems::add);
  }

  /** The role if it is on, else null. */
  private static RoleConfig role(AgentConfig config, Role role) {
    return config.roles().stream().filter(r -> r.role() == role).findFirst().orElse(null);
  }

  // ---- defaults -------------------------------------------------------------------------------

  @Test
  void nothingConfiguredInstrumentsNothingAndSaysWhatToSet() {
    AgentConfig c = withSys(Map.of());
    assertThat(problems).isEmpty();
    assertThat(c.enabled()).isTrue();
    assertThat(c.roles()).isEmpty();
    assertThat(c.instrumenting())
        .isEqualTo("nothing configured (set vcon.agent.chain.methods, see README)");

    assertThat(c.instanceId().explicitId()).isNull();
    assertThat(c.instanceId().format()).isEqualTo(InstanceIdFormat.HOST_PID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.startDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.otel().fileProperties()).isEmpty();
  }

  @Test
  void everyRoleIsReadFromItsKeys() {
    AgentConfig c = threeRolesWith(Map.of());
    assertThat(problems).isEmpty();
    assertThat(c.roles())
        .extracting(RoleConfig::role)
        .containsExactly(Role.CHAIN, Role.LINK, Role.STORAGE);

    RoleConfig chain = role(c, Role.CHAIN);
    assertThat(chain.selectors())
        .extracting(Object::toString)
        .containsExactly("com.acme.ChainRequest#process");
    assertThat(chain.name().text()).isEqualTo("this.chainDetails.name");
    assertThat(chain.vconId().text()).isEqualTo("this.vconId");
    assertThat(chain.context().text()).isEqualTo("this.context");
    assertThat(chain.index()).isNull();

    RoleConfig link = role(c, Role.LINK);
    assertThat(link.name().text()).isEqualTo("arg1");
    assertThat(link.vconId().text()).isEqualTo("arg0");
    assertThat(link.index().text()).isEqualTo("arg2");
    assertThat(link.context()).isNull();

    RoleConfig storage = role(c, Role.STORAGE);
    assertThat(storage.name().text()).isEqualTo("this.name");
    assertThat(storage.vconId().text()).isEqualTo("arg0");
    assertThat(storage.index()).isNull();
    assertThat(storage.context()).isNull();

    assertThat(c.instrumenting())
        .isEqualTo(
            "chain[com.acme.ChainRequest#process] link[com.acme.Link#run]"
                + " storage[com.acme.Storage#save]");
  }

  @Test
  void unsetOptionalExpressionsAreSimplyAbsent() {
    AgentConfig c =
        withSys(
            Map.of(
                "vcon.agent.chain.methods", "com.acme.Run#go,com.acme.Run2#go",
                "vcon.agent.chain.name", "'main'",
                "vcon.agent.chain.vcon-id", "arg0",
                "vcon.agent.link.methods", "com.acme.Link#run",
                "vcon.agent.link.name", "arg1",
                "vcon.agent.link.vcon-id", "arg0"));
    assertThat(problems).isEmpty();
    assertThat(role(c, Role.CHAIN).selectors()).hasSize(2);
    assertThat(role(c, Role.CHAIN).context()).isNull();
    assertThat(role(c, Role.LINK).index()).isNull();
    assertThat(c.roles()).extracting(RoleConfig::role).containsExactly(Role.CHAIN, Role.LINK);
  }

  @Test
  void methodsWithoutTheirRequiredExpressionsAreOneLineEachAndTheRoleIsOff() {
    AgentConfig c = withSys(Map.of("vcon.agent.storage.methods", "com.acme.Storage#save"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: missing setting vcon.agent.storage.name: expected this or argN"
                + " followed by .name steps (e.g. this.chainDetails.name, arg0), or a quoted"
                + " 'constant'; the storage role is off",
            "vcon-otel-agent: missing setting vcon.agent.storage.vcon-id: expected this or argN"
                + " followed by .name steps (e.g. this.chainDetails.name, arg0), or a quoted"
                + " 'constant'; the storage role is off");
    assertThat(c.roles()).isEmpty();
  }

  @Test
  void loadFromTheRealJvmWorksWithoutConfiguration() {
    AgentConfig c = AgentConfig.load(null, problems::add);
    assertThat(c.enabled()).isTrue();
    assertThat(problems).isEmpty();
  }

  // ---- precedence -----------------------------------------------------------------------------

  @Test
  void systemPropertyBeatsEnvironmentBeatsFile() {
    String key = "vcon.agent.link.name";
    Map<String, String> file = new HashMap<>(THREE_ROLES);
    file.put(key, "'file'");
    Map<String, String> env = Map.of("VCON_AGENT_LINK_NAME", "'env'");
    Map<String, String> sys = Map.of(key, "'sys'");
    assertThat(role(AgentConfig.from(sys, env, file, problems::add), Role.LINK).name().text())
        .isEqualTo("'sys'");
    assertThat(role(AgentConfig.from(Map.of(), env, file, problems::add), Role.LINK).name().text())
        .isEqualTo("'env'");
    assertThat(
            role(AgentConfig.from(Map.of(), Map.of(), file, problems::add), Role.LINK)
                .name()
                .text())
        .isEqualTo("'file'");
    assertThat(AgentConfig.from(Map.of(), Map.of(), Map.of(), problems::add).roles()).isEmpty();
    assertThat(problems).isEmpty();
  }

  @Test
  void environmentNamesMapDotsAndDashes() {
    AgentConfig c =
        AgentConfig.from(
            Map.of(),
            Map.of("VCON_AGENT_CHAIN_VCON_ID", "arg0.uuid", "VCON_AGENT_SHUTDOWN_TIMEOUT", "750ms"),
            THREE_ROLES,
            problems::add);
    assertThat(role(c, Role.CHAIN).vconId().text()).isEqualTo("arg0.uuid");
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(750));
  }

  // ---- the file -------------------------------------------------------------------------------

  @Test
  void fileNamedByTheAgentArgumentIsRead() throws IOException {
    Path path = file(STORAGE + "vcon.agent.storage.name='s3'\notel.service.name=conserver\n");
    AgentConfig c = AgentConfig.load(" " + path + " ", Map.of(), Map.of(), problems::add);
    assertThat(role(c, Role.STORAGE).name().text()).isEqualTo("'s3'");
    assertThat(c.otel().fileProperties()).containsOnly(Map.entry("otel.service.name", "conserver"));
    assertThat(problems).isEmpty();
  }

  @Test
  void fileNamedByTheSettingIsReadFromSystemPropertyOrEnvironment() throws IOException {
    Path path = file(STORAGE + "vcon.agent.storage.name='s3'\n");
    AgentConfig viaSys =
        AgentConfig.load(
            null, Map.of("vcon.agent.config", path.toString()), Map.of(), problems::add);
    AgentConfig viaEnv =
        AgentConfig.load("", Map.of(), Map.of("VCON_AGENT_CONFIG", path.toString()), problems::add);
    assertThat(role(viaSys, Role.STORAGE).name().text()).isEqualTo("'s3'");
    assertThat(role(viaEnv, Role.STORAGE).name().text()).isEqualTo("'s3'");
    assertThat(problems).isEmpty();
  }

  @Test
  void theSettingBeatsTheAgentArgument() throws IOException {
    Path chosen = file(STORAGE + "vcon.agent.storage.name='chosen'\n");
    AgentConfig c =
        AgentConfig.load(
            dir.resolve("absent.properties").toString(),
            Map.of("vcon.agent.config", chosen.toString()),
            Map.of(),
            problems::add);
    assertThat(role(c, Role.STORAGE).name().text()).isEqualTo("'chosen'");
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
    assertThat(c.otel().fileProperties())
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
    assertThat(c.enabled()).isTrue();
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
        threeRolesWith(
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
    assertThat(c.instrumenting()).startsWith("nothing configured");
    assertThat(c.instanceId().explicitId()).isEqualTo("worker-7");
    assertThat(c.instanceId().format()).isEqualTo(InstanceIdFormat.UUID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.startDelay()).isEqualTo(Duration.ZERO);
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void badTypedValuesAreOneLineEachAndTheDefaultIsUsed() {
    AgentConfig c =
        threeRolesWith(
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
    assertThat(c.instanceId().format()).isEqualTo(InstanceIdFormat.HOST_PID);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.startDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.roles()).hasSize(3);
  }

  // ---- roles ----------------------------------------------------------------------------------

  @Test
  void badSelectorIsOneLineAndOnlyThatRoleIsOff() {
    AgentConfig c = threeRolesWith(Map.of("vcon.agent.link.methods", "com.acme.Link.run"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.link.methods='com.acme.Link.run': expected"
                + " fully.qualified.Type#method[,Type#method...]; the link role is off");
    assertThat(role(c, Role.LINK)).isNull();
    assertThat(c.roles()).extracting(RoleConfig::role).containsExactly(Role.CHAIN, Role.STORAGE);
  }

  @Test
  void badExpressionIsOneLineAndOnlyThatRoleIsOff() {
    AgentConfig c = threeRolesWith(Map.of("vcon.agent.chain.context", "this..context"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.chain.context='this..context': expected"
                + " this or argN followed by .name steps (e.g. this.chainDetails.name, arg0), or a"
                + " quoted 'constant'; the chain role is off");
    assertThat(role(c, Role.CHAIN)).isNull();
    assertThat(c.roles()).extracting(RoleConfig::role).containsExactly(Role.LINK, Role.STORAGE);
  }

  @Test
  void everyBadValueOfARoleIsReported() {
    threeRolesWith(Map.of("vcon.agent.storage.methods", "x", "vcon.agent.storage.vcon-id", "arg"));
    assertThat(problems).hasSize(2);
    assertThat(problems).allMatch(line -> line.endsWith("; the storage role is off"));
  }

  @Test
  void blankMethodsSwitchTheRoleOffQuietly() {
    AgentConfig c = threeRolesWith(Map.of("vcon.agent.storage.methods", ""));
    assertThat(problems).isEmpty();
    assertThat(role(c, Role.STORAGE)).isNull();
    assertThat(c.roles()).hasSize(2);
  }

  @Test
  void blankOptionalExpressionSwitchesItOff() {
    AgentConfig c =
        threeRolesWith(Map.of("vcon.agent.chain.context", " ", "vcon.agent.link.index", ""));
    assertThat(problems).isEmpty();
    assertThat(role(c, Role.CHAIN).context()).isNull();
    assertThat(role(c, Role.LINK).index()).isNull();
    assertThat(c.roles()).hasSize(3);
  }

  @Test
  void blankRequiredExpressionIsOneLineAndTheRoleIsOff() {
    AgentConfig c = threeRolesWith(Map.of("vcon.agent.link.vcon-id", ""));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: missing setting vcon.agent.link.vcon-id: expected this or argN"
                + " followed by .name steps (e.g. this.chainDetails.name, arg0), or a quoted"
                + " 'constant'; the link role is off");
    assertThat(role(c, Role.LINK)).isNull();
  }

  @Test
  void attributeValueLengthLimitDefaultsTo1000AndFollowsTheOtelVariable() {
    assertThat(AgentConfig.from(Map.of(), Map.of(), Map.of(), problems::add).valueLengthLimit())
        .isEqualTo(1000);
    assertThat(
            AgentConfig.from(
                    Map.of(),
                    Map.of("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "64"),
                    Map.of(),
                    problems::add)
                .valueLengthLimit())
        .isEqualTo(64);
    assertThat(
            AgentConfig.from(
                    Map.of("otel.attribute.value.length.limit", "5000"),
                    Map.of(),
                    Map.of(),
                    problems::add)
                .valueLengthLimit())
        .isEqualTo(5000);
    assertThat(problems).isEmpty();
  }

  // ---- unknown keys ---------------------------------------------------------------------------

  @Test
  void aMisspelledKeyIsOneLineNamingKeyValueAndTheClosestKnownKey() {
    AgentConfig c = threeRolesWith(Map.of("vcon.agent.chain.method", "com.acme.X#y"));
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: unknown system property -Dvcon.agent.chain.method='com.acme.X#y';"
                + " did you mean vcon.agent.chain.methods?; ignored");
    assertThat(c.roles()).hasSize(3);
  }

  @Test
  void unknownKeysAreReportedFromEverySource() {
    AgentConfig.from(
        Map.of("vcon.agent.shutdown.timout", "5s"),
        Map.of("VCON_AGENT_DRAIN_TIMEOUTS", "1s", "VCON_AGENT_CHAIN_VCON_ID", "arg0"),
        Map.of(
            "vcon.agent.stroage.name",
            "this.name",
            "chain.methods",
            "com.acme.X#y",
            "otel.service.name",
            "conserver",
            "vcon.agent.zzzzzzzz",
            "1"),
        problems::add);
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "vcon-otel-agent: unknown system property -Dvcon.agent.shutdown.timout='5s'; did you"
                + " mean vcon.agent.shutdown.timeout?; ignored",
            "vcon-otel-agent: unknown environment variable VCON_AGENT_DRAIN_TIMEOUTS='1s'; did"
                + " you mean VCON_AGENT_DRAIN_TIMEOUT?; ignored",
            "vcon-otel-agent: unknown properties file key vcon.agent.stroage.name='this.name'; did"
                + " you mean vcon.agent.storage.name?; ignored",
            "vcon-otel-agent: unknown properties file key chain.methods='com.acme.X#y'; did you"
                + " mean vcon.agent.chain.methods?; ignored",
            "vcon-otel-agent: unknown properties file key vcon.agent.zzzzzzzz='1'; the agent does"
                + " not read it (known keys are listed in the README); ignored");
  }

  @Test
  void everyKeyTheAgentReadsIsKnown() {
    Map<String, String> all = new HashMap<>(THREE_ROLES);
    all.put("vcon.agent.config", "");
    all.put("vcon.agent.enabled", "true");
    all.put("vcon.agent.instance-id", "w");
    all.put("vcon.agent.instance-id.format", "uuid");
    all.put("vcon.agent.shutdown.timeout", "1s");
    all.put("vcon.agent.context.share", "auto");
    all.put("vcon.agent.start.delay", "1s");
    all.put("vcon.agent.drain.timeout", "1s");
    AgentConfig.from(all, Collections.emptyMap(), all, problems::add);
    assertThat(problems).isEmpty();
  }

  @Test
  void aBadAttributeValueLengthLimitIsOneLineAndTheDefault() {
    AgentConfig c =
        AgentConfig.from(
            Map.of(), Map.of(), Map.of("otel.attribute.value.length.limit", "-3"), problems::add);
    assertThat(c.valueLengthLimit()).isEqualTo(1000);
    assertThat(problems)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("otel.attribute.value.length.limit='-3'", "using 1000")
        .doesNotContain("\n");
  }

  @Test
  void aLongUnknownValueIsCutInItsLine() {
    withSys(Map.of("vcon.agent.chain.methodz", "x".repeat(10_000)));
    assertThat(problems).singleElement().satisfies(l -> assertThat(l).hasSizeLessThan(250));
  }
}
