package dev.vcon.agent.core;

import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.instrument.ChainTransformer;
import dev.vcon.agent.core.pipeline.ShutdownFlusher;
import dev.vcon.agent.core.pipeline.TelemetryHolder;
import dev.vcon.agent.core.tracking.ChainRunTracker;
import dev.vcon.agent.core.tracking.DeferredTelemetry;

/**
 * The agent's JVM shutdown hook, installed at premain so it is in place before anything can be
 * recorded. If calls were recorded while the pipeline was still being built, it waits for that
 * start (within {@code vcon.agent.shutdown.timeout}) so they are not lost; then it drains and
 * flushes ({@link ShutdownFlusher}) with what is left of that bound. A process whose pipeline was
 * never asked for (no instrumented call, start delay not over) exits without building one.
 */
final class ExitHook implements Runnable {
  private final AgentConfig config;
  private final DeferredTelemetry telemetry;
  private final ChainRunTracker tracker;
  private final ChainTransformer transformer;

  ExitHook(
      AgentConfig config,
      DeferredTelemetry telemetry,
      ChainRunTracker tracker,
      ChainTransformer transformer) {
    this.config = config;
    this.telemetry = telemetry;
    this.tracker = tracker;
    this.transformer = transformer;
  }

  @Override
  public void run() {
    try {
      long started = System.nanoTime();
      long bound = config.shutdownTimeout().toNanos();
      TelemetryHolder holder = telemetry.mayHaveRecorded() ? telemetry.awaitSettled(bound) : null;
      if (holder != null) {
        long left = Math.max(0, bound - (System.nanoTime() - started));
        new ShutdownFlusher(
                holder,
                tracker::runsThatCanStillEnd,
                tracker::abandonOpenRuns,
                config.drainTimeout(),
                java.time.Duration.ofNanos(left))
            .run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      transformer.reportUnmatchedSelectors();
    }
  }
}
