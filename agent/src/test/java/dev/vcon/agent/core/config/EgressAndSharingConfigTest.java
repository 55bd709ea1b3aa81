package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.share.ShareMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The egress role's keys and {@code vcon.agent.context.share}, read once into typed values. */
class EgressAndSharingConfigTest {

  private final List<String> problems = new ArrayList<>();

  private AgentConfig config(Map<String, String> sys) {
    return AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
  }

  private static RoleConfig egress(AgentConfig config) {
    return config.roles().stream().filter(r -> r.role() == Role.EGRESS).findFirst().orElse(null);
  }

  @Test
  void anEgressRoleNeedsMethodsVconIdAndCarrierButNoName() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.egress.methods", "com.acme.Egress#handOff");
    sys.put("vcon.agent.egress.vcon-id", "arg1");
    sys.put("vcon.agent.egress.carrier", "arg2.headers");
    RoleConfig egress = egress(config(sys));

    assertThat(problems).isEmpty();
    assertThat(egress.selectors()).hasSize(1);
    assertThat(egress.vconId().text()).isEqualTo("arg1");
    assertThat(egress.carrier().text()).isEqualTo("arg2.headers");
    assertThat(egress.name()).isNull();
  }

  @Test
  void anEgressRoleWithoutCarrierIsOffWithOneLine() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.egress.methods", "com.acme.Egress#handOff");
    sys.put("vcon.agent.egress.vcon-id", "arg1");
    assertThat(egress(config(sys))).isNull();
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("vcon-otel-agent: missing setting vcon.agent.egress.carrier")
        .endsWith("the egress role is off");
  }

  @Test
  void theCarrierKeyBelongsToEgressOnly() {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.link.methods", "com.acme.Link#run");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.put("vcon.agent.link.carrier", "arg2");
    RoleConfig link = config(sys).roles().get(0);
    assertThat(link.carrier()).isNull();
    // a key no role reads is one line, and the link role still works
    assertThat(problems)
        .singleElement()
        .asString()
        .contains("unknown system property -Dvcon.agent.link.carrier='arg2'", "ignored");
  }

  @Test
  void contextSharingIsAutoUnlessSetToNoneAndABadValueIsOneLine() {
    assertThat(config(new HashMap<>()).contextShare()).isEqualTo(ShareMode.AUTO);
    Map<String, String> none = new HashMap<>();
    none.put("vcon.agent.context.share", "none");
    assertThat(config(none).contextShare()).isEqualTo(ShareMode.NONE);
    assertThat(problems).isEmpty();
    Map<String, String> bad = new HashMap<>();
    bad.put("vcon.agent.context.share", "always");
    assertThat(config(bad).contextShare()).isEqualTo(ShareMode.AUTO);
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.context.share='always': expected auto or"
                + " none; using auto");
  }
}
