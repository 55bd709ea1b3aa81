package dev.vcon.agent.core;

import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.instrument.ChainTransformer;
import dev.vcon.agent.core.pipeline.ShutdownFlusher;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import dev.vcon.agent.core.tracking.ChainRunTracker;
import dev.vcon.agent.core.tracking.DeferredTelemetry;
import dev.vcon.agent.core.tracking.ErrorPathWarmup;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The deferred half of the start: weaves classes that were loaded before the transformer, builds
 * the pipeline, hands it to the tracker, and installs the exit hook that drains in-flight runs and
 * flushes. If the pipeline cannot be built (a bad setting), the host runs un-instrumented.
 */
final class PipelineStartup implements Runnable {

  private final Instrumentation inst;
  private final AgentConfig config;
  private final ChainTransformer transformer;
  private final ChainRunTracker tracker;
  private final DeferredTelemetry telemetry;
  private final Consumer<String> problems;

  PipelineStartup(
      Instrumentation inst,
      AgentConfig config,
      ChainTransformer transformer,
      ChainRunTracker tracker,
      DeferredTelemetry telemetry,
      Consumer<String> problems) {
    this.inst = inst;
    this.config = config;
    this.transformer = transformer;
    this.tracker = tracker;
    this.telemetry = telemetry;
    this.problems = problems;
  }

  @Override
  public void run() {
    try {
      telemetry.awaitStartRequest(config.startDelay().toNanos());
      Optional<TelemetryHolder> holder =
          TelemetryHolder.start(config.otel(), config.instanceId(), problems);
      if (!holder.isPresent()) {
        telemetry.failed();
        inst.removeTransformer(transformer);
        return;
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    new ShutdownFlusher(
                            holder.get(),
                            tracker::runsThatCanStillEnd,
                            tracker::abandonOpenRuns,
                            config.drainTimeout(),
                            config.shutdownTimeout())
                        .run();
                    // A process that recorded nothing (a supervisor that only starts workers)
                    // is not where the configured classes run: naming them would be noise.
                    if (tracker.recordedAny()) {
                      transformer.reportUnmatchedSelectors();
                    }
                  },
                  "vcon-otel-agent-exit"));
      // before any run records: a run failing deep in the stack must not load classes there
      ErrorPathWarmup.run();
      // only now may runs record: the exit hook that flushes them is in place
      telemetry.ready(holder.get());
      System.err.println(holder.get().startupLine() + " instrumenting: " + config.instrumenting());
      retransformLoadedCandidates();
    } catch (Throwable t) {
      telemetry.failed();
      problems.accept(
          "vcon-otel-agent: could not start its pipeline ("
              + t
              + "); the application runs without it");
    }
  }

  /** Classes loaded before premain returned (rare: another agent, or a late attach). */
  private void retransformLoadedCandidates() {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : inst.getAllLoadedClasses()) {
      try {
        if (inst.isModifiableClass(type) && transformer.isCandidate(type)) {
          candidates.add(type);
        }
      } catch (Throwable ignored) {
        // a class whose hierarchy cannot be read is left alone
      }
    }
    for (Class<?> type : candidates) {
      try {
        inst.retransformClasses(type);
      } catch (Throwable t) {
        problems.accept(
            "vcon-otel-agent: could not instrument the already loaded "
                + type.getName()
                + " ("
                + t
                + ")");
      }
    }
  }
}
