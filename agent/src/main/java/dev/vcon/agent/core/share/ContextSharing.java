package dev.vcon.agent.core.share;

import dev.vcon.agent.core.ForeignPackages;
import io.opentelemetry.api.trace.SpanContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Shares the span of ours that is open on a thread with the other OpenTelemetry instrumentation of
 * the process, so the spans it starts there (HTTP clients, JDBC, a host's own spans) join the
 * vCon's trace as children of ours:
 *
 * <ul>
 *   <li>with the official OpenTelemetry Java agent attached (before or after ours), through its
 *       shaded context API in the boot loader, which every instrumentation of it reads; the host's
 *       own API is then bridged to that context by the official agent, so nothing else is needed;
 *   <li>else through the {@code io.opentelemetry.context} API the instrumented class's loader sees
 *       (a host with its own SDK), resolved once per instrumented class and held by that class (a
 *       {@link ClassValue}), so an unloaded plugin's API is never kept alive;
 *   <li>else not at all: after one look-up, a cached check per call.
 * </ul>
 *
 * A foreign API that is there but not as expected turns sharing off with one line; a foreign call
 * that throws does too. Either way the host's call and our own spans go on unchanged.
 */
public final class ContextSharing {

  static final String OTEL = ForeignPackages.OPENTELEMETRY;

  private static final String OFFICIAL_MARKER =
      ForeignPackages.OFFICIAL_AGENT + "bootstrap.AgentInitializer";
  private static final String OFFICIAL_PREFIX = ForeignPackages.OFFICIAL_AGENT + "shaded." + OTEL;
  private static final Object ABSENT = new Object();

  /** Finds one foreign API: null when it is not there, an exception when it is not as known. */
  interface ApiLookup {
    ContextApi find(ClassLoader loader) throws ReflectiveOperationException;
  }

  private final boolean on;
  private final ApiLookup official;
  private final Consumer<String> problems;
  private final AtomicBoolean hostProblemReported = new AtomicBoolean();
  private final AtomicBoolean failureReported = new AtomicBoolean();
  private final ClassValue<ContextApi> hostApis;

  /** The official agent's API, ABSENT, or null before the first look-up. */
  private volatile Object officialApi;

  private volatile boolean broken;

  ContextSharing(ShareMode mode, ApiLookup official, ApiLookup host, Consumer<String> problems) {
    this.on = mode == ShareMode.AUTO;
    this.official = official;
    this.problems = problems;
    this.hostApis =
        new ClassValue<ContextApi>() {
          @Override
          protected ContextApi computeValue(Class<?> type) {
            return hostApi(host, type);
          }
        };
  }

  /** Sharing with whatever is present in this JVM when {@code mode} allows it. */
  public static ContextSharing create(ShareMode mode, Consumer<String> problems) {
    return new ContextSharing(
        mode, ContextSharing::officialAgentApi, ContextSharing::hostOwnApi, problems);
  }

  /**
   * Makes {@code ours} the current span of the other instrumentation on this thread, until the
   * returned scope is closed (on this thread, on every exit path).
   *
   * @param hostClass the instrumented receiver's class (whose loader's API is used when no official
   *     agent is attached), or null
   * @return null when there is nothing to share with
   */
  public SharedScope share(Class<?> hostClass, SpanContext ours) {
    ContextApi api = apiFor(hostClass);
    if (api == null || !ours.isValid()) {
      return null;
    }
    try {
      return new SharedScope(this, api, api.attach(ours));
    } catch (Throwable t) {
      failed(api, t);
      return null;
    }
  }

  /**
   * The span of the other instrumentation current on this thread (an HTTP server span, say), which
   * a new chain run links to but never takes as its parent; null when there is none.
   */
  public SpanContext ambient(Class<?> hostClass) {
    ContextApi api = apiFor(hostClass);
    if (api == null) {
      return null;
    }
    try {
      return api.current();
    } catch (Throwable t) {
      failed(api, t);
      return null;
    }
  }

  void close(ContextApi api, Object scope) {
    try {
      api.close(scope);
    } catch (Throwable t) {
      failed(api, t);
    }
  }

  private ContextApi apiFor(Class<?> hostClass) {
    if (!on || broken) {
      return null;
    }
    Object found = officialApi;
    if (found == null) {
      found = lookUpOfficial();
      if (broken) {
        return null;
      }
    }
    if (found != ABSENT) {
      return (ContextApi) found;
    }
    return hostClass == null ? null : hostApis.get(hostClass);
  }

  private synchronized Object lookUpOfficial() {
    Object found = officialApi;
    if (found != null) {
      return found;
    }
    found = ABSENT;
    try {
      ContextApi api = official.find(null);
      if (api != null) {
        found = api;
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      broken = true; // the host's API is bridged to the official agent's: no other way is right
      problems.accept(
          "vcon-otel-agent: the OpenTelemetry Java agent is attached but its context API is not"
              + " the one expected ("
              + e
              + "); its spans will not join the vCon traces ("
              + ShareMode.KEY
              + " is off; update vcon-otel-agent or set it to none)");
    }
    officialApi = found;
    return found;
  }

  private ContextApi hostApi(ApiLookup host, Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return null;
    }
    try {
      return host.find(loader);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      if (hostProblemReported.compareAndSet(false, true)) {
        problems.accept(
            "vcon-otel-agent: the OpenTelemetry API seen by "
                + type.getName()
                + " is not the one expected ("
                + e
                + "); spans the host makes there will not join the vCon traces ("
                + ShareMode.KEY
                + "; further such loaders are not reported)");
      }
      return null;
    }
  }

  private void failed(ContextApi api, Throwable t) {
    broken = true;
    if (failureReported.compareAndSet(false, true)) {
      problems.accept(
          "vcon-otel-agent: sharing the vCon context with "
              + api.label()
              + " failed ("
              + t
              + "); "
              + ShareMode.KEY
              + " is off from now on, the host's calls are not affected");
    }
  }

  /** The official agent's shaded API in the boot loader, or null when that agent is absent. */
  static ContextApi officialAgentApi(ClassLoader boot) throws ReflectiveOperationException {
    try {
      Class.forName(OFFICIAL_MARKER, false, boot);
    } catch (ClassNotFoundException e) {
      return null;
    }
    return ContextApi.resolve(OFFICIAL_PREFIX, boot, "the OpenTelemetry Java agent");
  }

  /**
   * The OpenTelemetry API {@code loader} sees, or null when it sees none (both the context and the
   * trace API are needed; the context library alone is not a tracer).
   */
  static ContextApi hostOwnApi(ClassLoader loader) throws ReflectiveOperationException {
    try {
      Class.forName(OTEL + "context.Context", false, loader);
      Class.forName(OTEL + "api.trace.Span", false, loader);
    } catch (ClassNotFoundException e) {
      return null;
    }
    return ContextApi.resolve(OTEL, loader, "the host's OpenTelemetry API");
  }
}
