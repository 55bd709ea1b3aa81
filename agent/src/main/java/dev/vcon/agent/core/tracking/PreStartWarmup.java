package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.prestart.PreStartBuffer;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads, at premain on a background thread, the classes a chain run needs while it records into the
 * {@link PreStartBuffer} (the pipeline not built yet): the tracker's run, link and storage paths,
 * the pending spans and instruments with their lambdas, and their failure path. {@link
 * ErrorPathWarmup} does the same for the built pipeline, but only once it is built; a host that
 * overflows its stack through chain runs in its first second would otherwise load these classes on
 * the exhausted stack, where the JVM's class-file transformer hook prints {@code ***
 * java.lang.instrument ASSERTION FAILED ***}.
 *
 * <p>It drives a throwaway tracker over a throwaway buffer that is never opened: nothing is
 * recorded, exported or reported, and no state is shared with the agent's own tracker.
 */
public final class PreStartWarmup {

  private PreStartWarmup() {}

  /** A receiver whose fields the warm-up's expressions read, as a host's chain object. */
  static final class Sample {
    final String name = "warmup";
  }

  public static void run() {
    Map<String, String> settings = new HashMap<>();
    settings.put("vcon.agent.chain.methods", "warmup.Chain#process");
    settings.put("vcon.agent.chain.name", "this.name");
    settings.put("vcon.agent.chain.vcon-id", "arg0");
    settings.put("vcon.agent.link.methods", "warmup.Link#apply");
    settings.put("vcon.agent.link.name", "'link'");
    settings.put("vcon.agent.link.vcon-id", "arg0");
    settings.put("vcon.agent.link.index", "arg1");
    settings.put("vcon.agent.storage.methods", "warmup.Storage#write");
    settings.put("vcon.agent.storage.name", "'storage'");
    settings.put("vcon.agent.storage.vcon-id", "arg0");
    AgentConfig config =
        AgentConfig.from(settings, Collections.emptyMap(), Collections.emptyMap(), problem -> {});
    PreStartBuffer buffer = new PreStartBuffer(PreStartBuffer::systemEpochNanos);
    ChainRunTracker tracker =
        new ChainRunTracker(new DeferredTelemetry(buffer), config.roles(), problem -> {});
    int chain =
        tracker.methods().register(Role.CHAIN, "warmup.Chain", "warmup.Chain#process(String)").id();
    int link =
        tracker.methods().register(Role.LINK, "warmup.Link", "warmup.Link#apply(String, int)").id();
    int storage =
        tracker
            .methods()
            .register(Role.STORAGE, "warmup.Storage", "warmup.Storage#write(String)")
            .id();
    Sample self = new Sample();
    // a run that ends normally, then runs nested for another vCon failing through every level
    runOnce(tracker, chain, link, storage, self, "warmup-1", null);
    runOnce(tracker, chain, link, storage, self, "warmup-2", new IllegalStateException("warm-up"));
    ExitHandle outer = tracker.enter(chain, self, new Object[] {"warmup-3"});
    runOnce(tracker, chain, link, storage, self, "warmup-4", new StackOverflowError());
    end(outer, null, new StackOverflowError());
    tracker.abandonOpenRuns();
    // a host recursing through chain runs fills the buffer: past its bound a run gets the invalid
    // span (filling the buffer here would cost thousands of runs)
    Span invalid = Span.getInvalid();
    invalid.setAttribute("warmup", "x");
    Errors.recordFailure(invalid, new StackOverflowError());
    invalid.end();
    // with traces or metrics set to none, the pipeline records into the API's no-ops
    Span noop = TracerProvider.noop().get("warmup").spanBuilder("warmup").startSpan();
    Errors.recordFailure(noop, new StackOverflowError());
    noop.end();
    Meter meter = MeterProvider.noop().get("warmup");
    meter.counterBuilder("c").build().add(1);
    meter.upDownCounterBuilder("u").build().add(1);
    meter.histogramBuilder("h").build().record(1);
  }

  private static void runOnce(
      ChainRunTracker tracker,
      int chain,
      int link,
      int storage,
      Sample self,
      String vconId,
      Throwable thrown) {
    ExitHandle run = tracker.enter(chain, self, new Object[] {vconId});
    ExitHandle step = tracker.enter(link, self, new Object[] {vconId, 0});
    ExitHandle write = tracker.enter(storage, self, new Object[] {vconId});
    end(write, null, thrown);
    end(step, thrown == null ? vconId : null, thrown);
    end(run, thrown == null ? vconId : null, thrown);
  }

  private static void end(ExitHandle handle, Object result, Throwable thrown) {
    if (handle != null) {
      handle.exit(result, thrown);
    }
  }
}
