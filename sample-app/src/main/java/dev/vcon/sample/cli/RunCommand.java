package dev.vcon.sample.cli;

import dev.vcon.sample.chain.ChainStats;
import dev.vcon.sample.chain.Chains;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.ConfigException;
import dev.vcon.sample.config.ConfigLoader;
import dev.vcon.sample.config.ConserverConfig;
import dev.vcon.sample.queue.QueueFactory;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.worker.QueueHealthCheck;
import dev.vcon.sample.worker.ShutdownSignals;
import dev.vcon.sample.worker.Supervisor;
import dev.vcon.sample.worker.Worker;
import dev.vcon.sample.worker.WorkerCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code run}: the server. With {@code --workers} of 2 or more this process only supervises that
 * many worker JVMs; with 0 or 1 it runs the worker loop itself, in this process.
 */
public final class RunCommand {

  public static final List<OptionSpec> OPTIONS =
      List.of(
          new OptionSpec(
              "config",
              "FILE",
              "CONSERVER_CONFIG_FILE",
              "configuration YAML (default: conserver-default.yml shipped in the jar)"),
          new OptionSpec(
              "workers",
              "N",
              "CONSERVER_WORKERS",
              "worker processes (default 1); 0 or 1 runs the worker in this process"),
          new OptionSpec(
              "concurrency",
              "C",
              "CONSERVER_VCON_CONCURRENCY",
              "vCons processed at once in each worker (default 1)"),
          new OptionSpec(
              "spool",
              "DIR",
              "CONSERVER_SPOOL_DIR",
              "spool folder used when REDIS_URL is not set (default ./"
                  + QueueFactory.DEFAULT_SPOOL
                  + ")"),
          new OptionSpec(
              "max-restarts",
              "N",
              null,
              "restarts of unexpectedly dead workers before giving up (default 5)"),
          new OptionSpec(
              "drain-timeout",
              "SECONDS",
              null,
              "how long shutdown waits for vCons in flight (default 30)"),
          new OptionSpec(
              "health-interval",
              "SECONDS",
              null,
              "how often each worker checks the length of its ingress and dead-letter lists"
                  + " (default 5)"),
          new OptionSpec(
              "worker-process",
              null,
              null,
              "internal: marks a worker JVM started by the main process"),
          new OptionSpec("help", null, null, "print this help"));

  /** How long one BLPOP (or spool poll) waits: short, so shutdown is prompt. */
  private static final Duration POP_TIMEOUT = Duration.ofSeconds(1);

  private RunCommand() {}

  public static String usage() {
    return ParsedOptions.usage("java -jar sample-app.jar run [options]", OPTIONS)
        + "\nQueue: Redis when REDIS_URL is set (redis://host:port), else the spool folder.\n"
        + "On SIGTERM: stops taking work, finishes what is in flight, exits 0.\n";
  }

  /**
   * Runs until SIGTERM. Returns only on a startup error (exit code), or with 0 while the JVM is
   * already shutting down.
   */
  public static int execute(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ParsedOptions options = ParsedOptions.parse(args, OPTIONS, env);
    if (options.flag("help")) {
      out.print(usage());
      return 0;
    }
    int workers = options.intValue("workers", 1, 0);
    int concurrency = options.intValue("concurrency", 1, 1);
    int maxRestarts = options.intValue("max-restarts", 5, 0);
    Duration drainTimeout = Duration.ofSeconds(options.intValue("drain-timeout", 30, 0));
    Duration healthInterval = Duration.ofSeconds(options.intValue("health-interval", 5, 1));

    ConserverConfig config;
    try {
      config =
          options
              .value("config")
              .map(file -> ConfigLoader.load(Path.of(file)))
              .orElseGet(ConfigLoader::loadDefault);
    } catch (ConfigException e) {
      err.println("configuration error: " + e.getMessage());
      return Supervisor.CONFIG_ERROR_EXIT;
    }

    if (workers >= 2 && !options.flag("worker-process")) {
      return supervise(options, workers, maxRestarts, drainTimeout, err);
    }
    if (options.flag("worker-process")) {
      stopWhenSupervisorDies(err);
    }
    return work(
        config,
        env,
        options.value("spool").orElse(null),
        concurrency,
        drainTimeout,
        healthInterval,
        out,
        err);
  }

  /**
   * A worker whose supervisor was killed (SIGKILL skips its shutdown hook) would run on as an
   * orphan; instead it stops gracefully, putting back what it has not started.
   */
  private static void stopWhenSupervisorDies(PrintStream err) {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          err.println(
                              "vcon-worker pid="
                                  + ProcessHandle.current().pid()
                                  + ": supervisor "
                                  + parent.pid()
                                  + " exited; stopping");
                          System.exit(0);
                        }));
  }

  private static int supervise(
      ParsedOptions options, int workers, int maxRestarts, Duration drainTimeout, PrintStream err)
      throws IOException, InterruptedException {
    Supervisor supervisor =
        new Supervisor(WorkerCommand.forChild(options.asArguments()), workers, maxRestarts, err);
    // Workers get the drain time plus room to start their own shutdown.
    Duration stopTimeout = drainTimeout.plusSeconds(15);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    supervisor.stop(stopTimeout);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "vcon-supervisor-shutdown"));
    ShutdownSignals.exitZeroOnTermination(err);
    return supervisor.run();
  }

  private static int work(
      ConserverConfig config,
      Map<String, String> env,
      String spool,
      int concurrency,
      Duration drainTimeout,
      Duration healthInterval,
      PrintStream out,
      PrintStream err) {
    VconQueue queue;
    Chains chains;
    try {
      queue = QueueFactory.open(env, spool);
    } catch (IllegalArgumentException e) {
      err.println("configuration error: " + e.getMessage());
      return Supervisor.CONFIG_ERROR_EXIT;
    }
    try {
      chains = Chains.build(config, new ComponentContext(queue, out), concurrency);
    } catch (ConfigException e) {
      err.println("configuration error: " + e.getMessage());
      queue.close();
      return Supervisor.CONFIG_ERROR_EXIT;
    }
    ChainStats stats = new ChainStats();
    Worker worker = new Worker(chains, queue, stats, concurrency, POP_TIMEOUT, out, err);
    QueueHealthCheck health =
        new QueueHealthCheck(queue, chains.ingressLists(), healthInterval, err);
    long pid = ProcessHandle.current().pid();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    worker.stop(drainTimeout);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    // Exactly one summary line per worker process, after everything in flight
                    // finished.
                    out.println(stats.summaryLine(pid));
                    out.flush();
                    health.close();
                    queue.close();
                  }
                },
                "vcon-worker-shutdown"));
    ShutdownSignals.exitZeroOnTermination(err);
    worker.run();
    return 0;
  }
}
