package dev.vcon.agent.core;

import dev.vcon.agent.bridge.Dispatchers;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.instrument.ChainTransformer;
import dev.vcon.agent.core.instrument.InstrumentationPlan;
import dev.vcon.agent.core.tracking.ChainRunTracker;
import dev.vcon.agent.core.tracking.DeferredTelemetry;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs in the agent's own class loader, called once from premain. On the caller's thread it only
 * reads the configuration and installs the transformer and the dispatcher, so classes loaded from
 * now on are woven; the OpenTelemetry pipeline is built on a daemon thread ({@link
 * PipelineStartup}), off the host's start-up path.
 */
public final class AgentStarter {

  private AgentStarter() {}

  public static void start(Instrumentation inst, String agentArgs) {
    Consumer<String> problems = StderrProblems.INSTANCE;
    AgentConfig config = AgentConfig.load(agentArgs, problems);
    if (!config.enabled()) {
      return;
    }
    List<RoleConfig> roles = config.roles();
    DeferredTelemetry telemetry = new DeferredTelemetry(config.startWait().toNanos());
    ChainRunTracker tracker =
        new ChainRunTracker(telemetry, roles, config.valueLengthLimit(), problems);
    InstrumentationPlan plan = InstrumentationPlan.of(roles);
    ChainTransformer transformer = new ChainTransformer(plan, tracker.methods(), problems);
    Dispatchers.install(tracker);
    if (!plan.isEmpty()) {
      inst.addTransformer(transformer, true);
    }

    Thread startup =
        new Thread(
            new PipelineStartup(inst, config, transformer, tracker, telemetry, problems),
            "vcon-otel-agent-start");
    startup.setDaemon(true);
    startup.start();
  }
}
