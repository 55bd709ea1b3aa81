package dev.vcon.agent.core;

import dev.vcon.agent.bridge.HiddenClasses;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.instrument.ChainTransformer;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import dev.vcon.agent.core.prestart.PreStartBuffer;
import dev.vcon.agent.core.tracking.ChainRunTracker;
import dev.vcon.agent.core.tracking.DeferredTelemetry;
import dev.vcon.agent.core.tracking.ErrorPathWarmup;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The deferred half of the start: builds the pipeline, hands it to the tracker (which replays what
 * was recorded before), and weaves classes that were loaded before the transformer. If the pipeline
 * cannot be built (a bad setting), the host runs un-instrumented.
 */
final class PipelineStartup implements Runnable {

  private final Instrumentation inst;
  private final AgentConfig config;
  private final ChainTransformer transformer;
  private final ChainRunTracker tracker;
  private final DeferredTelemetry telemetry;
  private final PreStartBuffer buffer;
  private final Consumer<String> problems;

  /**
   * The classes loaded before the transformer was installed, the only ones it has not seen; dropped
   * once they are woven, so no host class or loader is held past the start.
   */
  private Class<?>[] loadedBefore;

  PipelineStartup(
      Instrumentation inst,
      AgentConfig config,
      ChainTransformer transformer,
      ChainRunTracker tracker,
      DeferredTelemetry telemetry,
      PreStartBuffer buffer,
      Consumer<String> problems,
      Class<?>[] loadedBefore) {
    this.loadedBefore = loadedBefore;
    this.inst = inst;
    this.config = config;
    this.transformer = transformer;
    this.tracker = tracker;
    this.telemetry = telemetry;
    this.buffer = buffer;
    this.problems = problems;
  }

  @Override
  public void run() {
    try {
      telemetry.awaitStartRequest(config.startDelay().toNanos());
      Optional<TelemetryHolder> holder =
          TelemetryHolder.start(
              config.otel(), config.instanceId(), tracker::internalErrors, problems);
      if (!holder.isPresent()) {
        loadedBefore = null;
        telemetry.failed();
        inst.removeTransformer(transformer);
        HiddenClasses.install(null);
        return;
      }
      // the exit hook (installed at premain) flushes what is recorded from here on
      // before any run records: a run failing deep in the stack must not load classes there
      ErrorPathWarmup.runOnce();
      telemetry.ready(holder.get());
      // Before the start-up line, so that once it is printed, classes loaded before premain (by
      // another agent) are woven too.
      retransformLoadedCandidates();
      System.err.println(holder.get().startupLine() + " instrumenting: " + config.instrumenting());
      if (buffer.dropped() > 0) {
        problems.accept(
            "vcon-otel-agent: "
                + buffer.dropped()
                + " spans or histogram values recorded before the pipeline was ready went past"
                + " the pre-start buffer ("
                + PreStartBuffer.MAX_SPANS
                + " spans) and were dropped");
      }
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
    // Only classes the transformer never saw: retransforming one it already saw (a selector's
    // interface, a class with nothing to weave) redefines it for nothing, and a redefinition
    // throws away the compiled code that depends on it, mid-run, on a busy host.
    Class<?>[] before = loadedBefore;
    loadedBefore = null;
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : before) {
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
