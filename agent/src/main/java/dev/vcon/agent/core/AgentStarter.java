package dev.vcon.agent.core;

import dev.vcon.agent.bridge.Dispatchers;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.instrument.ChainTransformer;
import dev.vcon.agent.core.instrument.HiddenClassHooks;
import dev.vcon.agent.core.instrument.InstrumentationPlan;
import dev.vcon.agent.core.prestart.PreStartBuffer;
import dev.vcon.agent.core.share.ContextSharing;
import dev.vcon.agent.core.tracking.ChainRunTracker;
import dev.vcon.agent.core.tracking.DeferredTelemetry;
import dev.vcon.agent.core.tracking.ErrorPathWarmup;
import dev.vcon.agent.core.tracking.PreStartWarmup;
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
    PreStartBuffer buffer = new PreStartBuffer(PreStartBuffer::systemEpochNanos);
    DeferredTelemetry telemetry = new DeferredTelemetry(buffer);
    ChainRunTracker tracker =
        new ChainRunTracker(
            telemetry,
            roles,
            ContextSharing.create(config.contextShare(), problems),
            config.valueLengthLimit(),
            problems);
    InstrumentationPlan plan = InstrumentationPlan.of(roles);
    ChainTransformer transformer =
        new ChainTransformer(plan, tracker.methods(), problems, telemetry::request);
    Dispatchers.install(tracker);
    Class<?>[] loadedBefore = new Class<?>[0];
    if (!plan.isEmpty()) {
      HiddenClassHooks hooks = new HiddenClassHooks(inst, transformer, plan, problems);
      transformer.whenSelectedTypeLoads(hooks::awaitInstalled);
      loadedBefore = inst.getAllLoadedClasses();
      inst.addTransformer(transformer, true);
      // then the built pipeline's error path, in parallel with the build rather than after it
      transformer.prepareInBackground(PreStartWarmup::run, ErrorPathWarmup::runOnce);
      // beside the weaver's warm-up, not after it: a host thread may wait for both
      Thread hidden = new Thread(hooks::install, "vcon-otel-agent-hidden-classes");
      hidden.setDaemon(true);
      hidden.start();
    }

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                new ExitHook(config, telemetry, tracker, transformer), "vcon-otel-agent-exit"));
    Thread startup =
        new Thread(
            new PipelineStartup(
                inst, config, transformer, tracker, telemetry, buffer, problems, loadedBefore),
            "vcon-otel-agent-start");
    startup.setDaemon(true);
    startup.start();
  }
}
