package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.Dispatcher;
import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.Role;
import dev.vcon.agent.core.config.RoleConfig;
import dev.vcon.agent.core.expr.ValueText;
import dev.vcon.agent.core.instrument.InstrumentedMethod;
import dev.vcon.agent.core.instrument.MethodRegistry;
import dev.vcon.agent.core.share.ContextSharing;
import dev.vcon.agent.core.share.ShareMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dispatcher behind every woven method: looks the method up by its id in the one method table
 * and hands the call to its role's handler. Plain code, unit-tested without bytecode weaving.
 */
public final class ChainRunTracker implements Dispatcher {

  private final Map<Role, RoleConfig> configs = new EnumMap<>(Role.class);
  private final Map<Role, RoleHandler<?>> handlers = new EnumMap<>(Role.class);
  private final Map<Role, InternalErrors> errors = new EnumMap<>(Role.class);
  private final TrackingContext context;
  private final ProblemLines expressionProblems;
  private final MethodRegistry<BoundMethod<?>> methods = new MethodRegistry<>(this::bind);

  /** A tracker that shares its spans with no other instrumentation. */
  public ChainRunTracker(
      TelemetrySource telemetry, Iterable<RoleConfig> roleConfigs, Consumer<String> problems) {
    this(
        telemetry,
        roleConfigs,
        ContextSharing.create(ShareMode.NONE, problems),
        ValueText.DEFAULT_LIMIT,
        problems);
  }

  /** A tracker that shares with whatever {@code sharing} found, values at the default limit. */
  public ChainRunTracker(
      TelemetrySource telemetry,
      Iterable<RoleConfig> roleConfigs,
      ContextSharing sharing,
      Consumer<String> problems) {
    this(telemetry, roleConfigs, sharing, ValueText.DEFAULT_LIMIT, problems);
  }

  /** A tracker sharing nothing, with host values cut at {@code valueLimit} chars. */
  public ChainRunTracker(
      TelemetrySource telemetry,
      Iterable<RoleConfig> roleConfigs,
      int valueLimit,
      Consumer<String> problems) {
    this(
        telemetry,
        roleConfigs,
        ContextSharing.create(ShareMode.NONE, problems),
        valueLimit,
        problems);
  }

  /**
   * @param sharing makes our open spans current for other instrumentation (official agent, host
   *     SDK)
   * @param valueLimit the most chars of any host value (names, ids) kept in spans, metrics and
   *     caches: {@link dev.vcon.agent.core.config.AgentConfig#valueLengthLimit()}
   */
  public ChainRunTracker(
      TelemetrySource telemetry,
      Iterable<RoleConfig> roleConfigs,
      ContextSharing sharing,
      int valueLimit,
      Consumer<String> problems) {
    this.context = new TrackingContext(telemetry, sharing, valueLimit);
    this.expressionProblems = new ProblemLines(problems);
    for (RoleConfig config : roleConfigs) {
      configs.put(config.role(), config);
    }
    for (Role role : Role.values()) {
      InternalErrors roleErrors = new InternalErrors(role.label(), problems);
      errors.put(role, roleErrors);
      handlers.put(role, handler(role, roleErrors));
    }
  }

  /** Each role's handler: a new role is one handler class and one case here. */
  private RoleHandler<?> handler(Role role, InternalErrors roleErrors) {
    switch (role) {
      case CHAIN:
        return new ChainHandler(context, roleErrors);
      case LINK:
        return new LinkHandler(context, roleErrors);
      case STORAGE:
        return new StorageHandler(context, roleErrors);
      case RECEIVE:
        return new ReceiveHandler(context, roleErrors);
      case DLQ:
        return new DlqHandler(context, roleErrors);
      case ENQUEUE:
        return new EnqueueHandler(context, roleErrors);
      case QUEUE_LENGTH:
        return new QueueLengthHandler(context, roleErrors);
      case EGRESS:
        return new EgressHandler(context, roleErrors);
      default:
        return null;
    }
  }

  /** The method-id table the transformer registers woven methods in. */
  public MethodRegistry<?> methods() {
    return methods;
  }

  /** Binds a newly woven method's expressions; called before its class can run. */
  private BoundMethod<?> bind(InstrumentedMethod method) {
    RoleConfig config = configs.get(method.role());
    RoleHandler<?> handler = handlers.get(method.role());
    return config == null || handler == null
        ? null
        : BoundMethod.bind(handler, config, method, expressionProblems);
  }

  @Override
  public ExitHandle enter(int methodId, Object self, Object[] args) {
    BoundMethod<?> method = methods.binding(methodId);
    if (method == null) {
      return null;
    }
    int[] depth = OwnReads.begin();
    ExitHandle handle;
    try {
      if (depth[0] > 1) {
        return null; // reached from the agent's own read of a host value: not the host's call
      }
      handle = method.enter(self, args);
    } finally {
      OwnReads.end(depth);
    }
    return handle;
  }

  /** Chain runs in progress. */
  public int inFlight() {
    return context.runs.inFlight();
  }

  /**
   * Chain runs in progress that can still end (their thread is alive, not a daemon, and not the one
   * blocked in {@code System.exit}): what the exit hook waits for before the last export.
   */
  public int runsThatCanStillEnd() {
    return context.runs.thatCanStillEnd();
  }

  /**
   * At exit, after the drain: ends the runs that will never end as abandoned (error spans, the
   * in-flight gauge back to zero), so the last export does not leave them in flight for good.
   */
  public int abandonOpenRuns() {
    return context.runs.abandonOpen();
  }

  /** Failures inside the agent's own code while recording that role's calls (entry and exit). */
  public long internalErrors(Role role) {
    InternalErrors roleErrors = errors.get(role);
    return roleErrors == null ? 0 : roleErrors.count();
  }
}
