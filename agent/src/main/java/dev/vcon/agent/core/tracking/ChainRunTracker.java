package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.Dispatcher;
import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.BoundExpression;
import dev.vcon.agent.core.instrument.InstrumentedMethod;
import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.pipeline.Telemetry;
import dev.vcon.agent.core.upstream.UpstreamContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The dispatcher behind every woven method: a new root span and the conserver metrics for each
 * chain run, child spans and metrics for links and storages. Plain code, unit-tested without
 * bytecode weaving. Every failure of its own is caught, counted and reported once; the host's call
 * proceeds as if the agent were absent.
 */
public final class ChainRunTracker implements Dispatcher, Consumer<InstrumentedMethod> {

  static final String UNKNOWN = "unknown";

  private final TelemetrySource telemetry;
  private final Map<Role, RoleConfig> roles;
  private final Consumer<String> problems;

  /** Created at the first recorded call, so premain does not pay for it. */
  private volatile MetricAttributes lazyAttributes;

  private final ActiveRuns activeRuns = new ActiveRuns();
  private final ThreadLocal<ChainRun> currentRun = new ThreadLocal<>();
  private final CallFrames linkFrames = new CallFrames();
  private final CallFrames storageFrames = new CallFrames();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean failureReported = new AtomicBoolean();
  private volatile MethodBinding[] bindings = new MethodBinding[0];

  public ChainRunTracker(
      TelemetrySource telemetry, Iterable<RoleConfig> roleConfigs, Consumer<String> problems) {
    this.telemetry = telemetry;
    this.problems = problems;
    this.roles = new EnumMap<>(Role.class);
    for (RoleConfig config : roleConfigs) {
      roles.put(config.role(), config);
    }
  }

  /** Binds a newly woven method's expressions; called before its class can run. */
  @Override
  public void accept(InstrumentedMethod method) {
    register(method);
  }

  /** Binds a newly woven method's expressions; called before its class can run. */
  public synchronized void register(InstrumentedMethod method) {
    RoleConfig config = roles.get(method.role());
    MethodBinding[] next = Arrays.copyOf(bindings, Math.max(bindings.length, method.id() + 1));
    next[method.id()] = config == null ? null : MethodBinding.bind(method, config, problems);
    bindings = next;
  }

  @Override
  public ExitHandle enter(int methodId, Object self, Object[] args) {
    try {
      MethodBinding[] current = bindings;
      MethodBinding binding = methodId >= 0 && methodId < current.length ? current[methodId] : null;
      if (binding == null) {
        return null;
      }
      switch (binding.role) {
        case CHAIN:
          return enterChain(binding, self, args);
        case LINK:
          return enterLink(binding, self, args);
        case STORAGE:
          return enterStorage(binding, self, args);
        default:
          return null;
      }
    } catch (Throwable t) {
      failed(t);
      return null;
    }
  }

  private ExitHandle enterChain(MethodBinding binding, Object self, Object[] args) {
    ChainRun outer = currentRun.get();
    if (outer != null && self != null && outer.self == self) {
      return null; // an overload delegating to another: one run, counted once
    }
    Telemetry generation = telemetry.current();
    if (generation == null) {
      return null;
    }
    String vconId = string(binding.vconId, self, args);
    if (outer != null && vconId != null && vconId.equals(outer.vconId)) {
      return null; // the same vCon's run re-entered through another receiver
    }
    String chainName = nameOrUnknown(binding.name, self, args);
    SpanBuilder builder =
        generation.tracer().spanBuilder(attributes().chainSpanName(chainName)).setNoParent();
    if (vconId != null) {
      builder.setAttribute(SpanKeys.VCON_ID, vconId).setAttribute(SpanKeys.VCON_UUID, vconId);
    }
    builder.setAttribute(SpanKeys.CHAIN_NAME, chainName);
    UpstreamContext upstream =
        binding.extra == null ? null : UpstreamContext.parse(binding.extra.evaluate(self, args));
    if (upstream != null) {
      builder.addLink(
          SpanContext.createFromRemoteParent(
              upstream.traceId(),
              upstream.spanId(),
              TraceFlags.fromByte(upstream.traceFlags()),
              TraceState.getDefault()));
    }
    ConserverMetrics metrics = generation.metrics();
    Attributes chainAttributes = attributes().chain(chainName);
    metrics.inflight().add(1, chainAttributes);
    ChainRun run =
        new ChainRun(
            this, self, vconId, chainName, builder.startSpan(), metrics, chainAttributes, outer);
    activeRuns.started(run);
    currentRun.set(run);
    return run;
  }

  private ExitHandle enterLink(MethodBinding binding, Object self, Object[] args) {
    if (linkFrames.isReentry(self)) {
      return null;
    }
    Telemetry generation = telemetry.current();
    if (generation == null) {
      return null;
    }
    String vconId = string(binding.vconId, self, args);
    String linkName = nameOrUnknown(binding.name, self, args);
    ChainRun run = parentRun(vconId);
    String chainName = run == null ? UNKNOWN : run.chainName;
    SpanBuilder builder = childSpan(generation, attributes().linkSpanName(linkName), run);
    if (vconId != null) {
      builder.setAttribute(SpanKeys.VCON_ID, vconId);
    }
    builder.setAttribute(SpanKeys.LINK_NAME, linkName);
    if (binding.extra != null) {
      Object index = binding.extra.evaluate(self, args);
      if (index instanceof Number) {
        builder.setAttribute(SpanKeys.LINK_INDEX, ((Number) index).longValue());
      } else if (index != null) {
        builder.setAttribute(SpanKeys.LINK_INDEX_TEXT, String.valueOf(index));
      }
    }
    if (run != null) {
      builder.setAttribute(SpanKeys.CHAIN_NAME, chainName);
    }
    return new LinkCall(
        linkFrames,
        linkFrames.push(self),
        run,
        linkName,
        chainName,
        builder.startSpan(),
        generation.metrics(),
        attributes());
  }

  private ExitHandle enterStorage(MethodBinding binding, Object self, Object[] args) {
    if (storageFrames.isReentry(self)) {
      return null;
    }
    Telemetry generation = telemetry.current();
    if (generation == null) {
      return null;
    }
    String vconId = string(binding.vconId, self, args);
    String storageName = nameOrUnknown(binding.name, self, args);
    ChainRun run = parentRun(vconId);
    SpanBuilder builder = childSpan(generation, attributes().storageSpanName(storageName), run);
    if (vconId != null) {
      builder.setAttribute(SpanKeys.VCON_ID, vconId);
    }
    builder.setAttribute(SpanKeys.STORAGE_NAME, storageName);
    if (run != null) {
      builder.setAttribute(SpanKeys.CHAIN_NAME, run.chainName);
    }
    return new StorageCall(
        storageFrames,
        storageFrames.push(self),
        storageName,
        builder.startSpan(),
        generation.metrics(),
        attributes());
  }

  /**
   * The run a link or storage call belongs to: the one open on this thread when it processes the
   * same vCon, else the one processing that vCon on another thread, else none (the call then starts
   * its own trace: a link that writes another vCon does not belong to this run).
   */
  private ChainRun parentRun(String vconId) {
    ChainRun onThread = currentRun.get();
    if (onThread != null && (vconId == null || onThread.isFor(vconId))) {
      return onThread;
    }
    return activeRuns.find(vconId);
  }

  private static SpanBuilder childSpan(Telemetry generation, String name, ChainRun run) {
    SpanBuilder builder = generation.tracer().spanBuilder(name);
    return run == null ? builder.setNoParent() : builder.setParent(run.context);
  }

  private MetricAttributes attributes() {
    MetricAttributes current = lazyAttributes;
    if (current == null) {
      synchronized (this) {
        current = lazyAttributes;
        if (current == null) {
          current = new MetricAttributes();
          lazyAttributes = current;
        }
      }
    }
    return current;
  }

  void runEnded(ChainRun run, ChainRun previousOnThread, String alias) {
    activeRuns.ended(run, alias);
    if (currentRun.get() == run) {
      if (previousOnThread == null) {
        currentRun.remove();
      } else {
        currentRun.set(previousOnThread);
      }
    }
  }

  ActiveRuns activeRuns() {
    return activeRuns;
  }

  /** Chain runs in progress, for the exit hook that waits for them before the last export. */
  public int inFlight() {
    return activeRuns.inFlight();
  }

  /** Failures inside the agent's own code, caught and kept from the host. */
  public long failures() {
    return failures.get();
  }

  private static String string(BoundExpression expression, Object self, Object[] args) {
    if (expression == null) {
      return null;
    }
    Object value = expression.evaluate(self, args);
    return value == null ? null : value.toString();
  }

  private static String nameOrUnknown(BoundExpression expression, Object self, Object[] args) {
    String name = string(expression, self, args);
    return name == null || name.isEmpty() ? UNKNOWN : name;
  }

  void failed(Throwable t) {
    failures.incrementAndGet();
    if (failureReported.compareAndSet(false, true)) {
      problems.accept(
          "vcon-otel-agent: internal error while recording a call ("
              + t
              + "); the call itself was not affected (further errors are counted, not printed)");
    }
  }
}
