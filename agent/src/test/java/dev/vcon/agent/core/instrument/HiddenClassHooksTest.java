package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.Role;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * The fail-safe path, in this JVM: here the bridge is not in the boot loader, so the patched JDK
 * code cannot link to it, which is what a JDK of another shape looks like at run time.
 */
class HiddenClassHooksTest {

  private static final Instrumentation INST = ByteBuddyAgent.install();

  @Test
  void aPatchThatCannotRunIsUndoneSaidInOneLineAndLambdasStillWork() {
    List<String> problems = new CopyOnWriteArrayList<>();
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.link.methods", "example.fixtures.Step#run");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    InstrumentationPlan plan = InstrumentationPlan.of(config.roles());
    ChainTransformer chain =
        new ChainTransformer(
            plan, new MethodRegistry<Role>(InstrumentedMethod::role), problems::add);

    new HiddenClassHooks(INST, chain, plan, problems::add).install();

    assertThat(problems).as("%s", problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith(
            "vcon-otel-agent: lambdas, method references and hidden classes the host defines")
        .contains("[example.fixtures.Step] are not instrumented on this JVM")
        .doesNotContain("\n");
    Function<String, String> fresh = text -> text + "!";
    assertThat(fresh.apply("still")).isEqualTo("still!");
  }
}
