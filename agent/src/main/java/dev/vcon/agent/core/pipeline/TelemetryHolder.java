package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.config.InstanceIdSetting;
import dev.vcon.agent.core.config.OtelSettings;
import dev.vcon.agent.core.identity.PidSource;
import dev.vcon.agent.core.identity.ProcessIdentity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Holds the current {@link Telemetry} generation and replaces it when the process id changes (the
 * pid gate), so a process restored from a CRaC checkpoint, or any copy of one, reports under its
 * own {@code service.instance.id} instead of the checkpointed process's.
 *
 * <p>Callers take {@link #current()} again for each use rather than keep a generation: a run keeps
 * the generation it started on (its exit handle carries it), so its +1 and -1 never split across a
 * rebuild.
 */
public final class TelemetryHolder {
  /** Bound for the flush before a checkpoint and for retiring a replaced generation. */
  static final Duration GENERATION_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final PidSource pidSource;
  private final TelemetryFactory factory;
  private final Executor retirement;
  private final Consumer<String> errors;
  // Strong reference: the CRaC context holds its resources weakly.
  private final CheckpointResource checkpointResource = new CheckpointResource(this);
  private volatile Telemetry current;
  private volatile boolean closed;

  private TelemetryHolder(
      PidSource pidSource,
      TelemetryFactory factory,
      Executor retirement,
      Consumer<String> errors,
      Telemetry first) {
    this.pidSource = pidSource;
    this.factory = factory;
    this.retirement = retirement;
    this.errors = errors;
    this.current = first;
  }

  /**
   * Validates the {@code otel.*} settings, routes the SDK's logging to the agent's rate-limited
   * stderr notice, builds the first generation and registers for CRaC checkpoint/restore. Empty
   * when a setting is invalid or the SDK rejects its configuration; the one-line reason has then
   * gone to {@code errors} and the host should run un-instrumented. A missing collector is not an
   * error.
   */
  public static Optional<TelemetryHolder> start(
      OtelSettings otel, InstanceIdSetting instanceId, Consumer<String> errors) {
    return start(otel, instanceId, AgentHealth.NONE, errors);
  }

  /** As above, the generations also reporting the agent's own {@code health}. */
  public static Optional<TelemetryHolder> start(
      OtelSettings otel,
      InstanceIdSetting instanceId,
      AgentHealth health,
      Consumer<String> errors) {
    TelemetryFactory factory = new TelemetryFactory(otel, instanceId, builder -> {}, health);
    if (factory.firstInvalidSetting() == null) {
      SdkLogging.install(
          new ExportFailureNotifier(
              signal -> endpointFor(factory, signal), System.err::println, System::nanoTime));
    }
    Optional<TelemetryHolder> holder =
        create(errors, PidSource.system(), factory, TelemetryHolder::retireInBackground);
    holder.ifPresent(TelemetryHolder::registerForCheckpointRestore);
    return holder;
  }

  static Optional<TelemetryHolder> create(
      Consumer<String> errors, PidSource pidSource, TelemetryFactory factory, Executor retirement) {
    String invalid = factory.firstInvalidSetting();
    if (invalid != null) {
      errors.accept(invalid);
      return Optional.empty();
    }
    try {
      Telemetry first = factory.build(factory.identity(pidSource));
      return Optional.of(new TelemetryHolder(pidSource, factory, retirement, errors, first));
    } catch (RuntimeException e) {
      errors.accept(SettingsValidator.rejected(e));
      return Optional.empty();
    }
  }

  /** The current generation; take it again for each use rather than keeping it. */
  public Telemetry current() {
    return current;
  }

  /**
   * The pid gate: when the process id differs from the one the current generation was built for,
   * builds a new identity and pipeline, swaps it in, and flushes and shuts the old one down in the
   * background. Cheap when nothing changed (one read of {@code /proc/self}).
   *
   * @return whether a new generation was swapped in
   */
  public boolean refreshIfPidChanged() {
    if (closed || pidSource.pid() == current.identity().pid()) {
      return false;
    }
    synchronized (this) {
      Telemetry old = current;
      long pid = pidSource.pid();
      if (closed || pid == old.identity().pid()) {
        return false;
      }
      ProcessIdentity identity = factory.identity(pidSource);
      Telemetry next;
      try {
        next = factory.build(identity);
      } catch (RuntimeException e) {
        // The environment of a restored process may differ; report it and stop exporting under
        // the old identity rather than keep a generation that claims to be another process.
        errors.accept(SettingsValidator.rejected(e));
        next = Telemetry.disabled(identity, factory.target("traces"));
      }
      current = next;
      retirement.execute(() -> old.shutdown(GENERATION_FLUSH_TIMEOUT));
      return true;
    }
  }

  /** Exports what the current generation has buffered, waiting at most {@code timeout}. */
  public boolean flush(Duration timeout) {
    return current.flush(timeout);
  }

  /** What the exporters learnt of the collector; {@link ShutdownFlusher} bounds the exit by it. */
  public CollectorHealth collectorHealth() {
    return factory.health();
  }

  /** Flushes and shuts down for good, waiting at most {@code timeout}; the gate stops too. */
  public boolean shutdown(Duration timeout) {
    synchronized (this) {
      closed = true;
    }
    return current.shutdown(timeout);
  }

  /** {@link Telemetry#startupLine()} of the current generation. */
  public String startupLine() {
    return current.startupLine();
  }

  /**
   * Registers with {@code org.crac}: flush before a checkpoint, run the pid gate after a restore.
   * On a JVM without CRaC the registration is accepted and never called back.
   */
  void registerForCheckpointRestore() {
    try {
      org.crac.Core.getGlobalContext().register(checkpointResource);
    } catch (RuntimeException | LinkageError e) {
      errors.accept(
          "vcon-otel-agent: CRaC registration failed ("
              + e
              + "); a restored process may report the checkpointed process's identity");
    }
  }

  CheckpointResource checkpointResource() {
    return checkpointResource;
  }

  private static String endpointFor(TelemetryFactory factory, String sdkSignal) {
    String signal =
        sdkSignal.startsWith("metric")
            ? "metrics"
            : sdkSignal.startsWith("log") ? "logs" : "traces";
    return factory.target(signal).endpoint();
  }

  private static void retireInBackground(Runnable task) {
    Thread thread = new Thread(task, "vcon-otel-agent-retire");
    thread.setDaemon(true);
    thread.start();
  }

  /** The CRaC callbacks; a separate object so the holder's API stays free of org.crac types. */
  static final class CheckpointResource implements org.crac.Resource {
    private final TelemetryHolder holder;

    CheckpointResource(TelemetryHolder holder) {
      this.holder = holder;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
      holder.flush(GENERATION_FLUSH_TIMEOUT);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
      holder.refreshIfPidChanged();
    }
  }
}
