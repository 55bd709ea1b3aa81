package dev.vcon.it.bench;

import dev.vcon.it.bench.Variant.Agent;
import dev.vcon.it.bench.Variant.Collector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The side-by-side benchmark: the benchmark host ({@code dev.vcon.it.bench.host.BenchHost},
 * configured through {@code it-tests/bench/bench-agent.properties} as a user would configure their
 * own service) in fresh JVMs with no agent, with our agent and with the official OpenTelemetry
 * agent ({@code otel.instrumentation.methods.include} on the same methods), each exporting to a
 * live OTLP receiver on loopback, to a port that refuses connections, or with exporters off. Every
 * variant runs once per round, in turn; prints one table of medians. From the repository root,
 * after building the agent and it-tests:
 *
 * <pre>
 * it-tests/bench/run.sh [quick|full] [rounds=N] [runs1=N] [runs64=N]
 * </pre>
 */
public final class Bench {
  static final int SPANS_PER_RUN = 5; // a root, three links, a storage

  static final Variant NONE = new Variant(Agent.NONE, Collector.OFF);
  static final Variant OURS_LIVE = new Variant(Agent.VCON, Collector.LIVE);
  static final Variant OURS_REFUSING = new Variant(Agent.VCON, Collector.REFUSING);
  static final Variant OURS_OFF = new Variant(Agent.VCON, Collector.OFF);
  static final Variant OFFICIAL_LIVE = new Variant(Agent.OFFICIAL, Collector.LIVE);
  static final Variant OFFICIAL_REFUSING = new Variant(Agent.OFFICIAL, Collector.REFUSING);
  static final Variant OFFICIAL_OFF = new Variant(Agent.OFFICIAL, Collector.OFF);

  private Bench() {}

  public static void main(String[] args) throws Exception {
    BenchMode mode = BenchMode.parse(args);
    BenchPaths paths = new BenchPaths();
    Path logDir = Files.createDirectories(Paths.get("it-tests/target/bench-logs"));
    HostLauncher launcher = new HostLauncher(logDir, 600);
    progress("benchmark, " + mode + "; host logs in " + logDir.toAbsolutePath());
    try (Endpoints endpoints = new Endpoints()) {
      BenchRunner runner = new BenchRunner(launcher, paths, endpoints, mode.rounds);
      Measurements tiny =
          runner.measure(
              "tiny run",
              Arrays.asList(
                  NONE,
                  OURS_LIVE,
                  OFFICIAL_LIVE,
                  OURS_REFUSING,
                  OFFICIAL_REFUSING,
                  OURS_OFF,
                  OFFICIAL_OFF),
              hostArgs(2, 20, 0, false),
              true);
      Measurements one =
          runner.measure(
              "1 thread",
              Arrays.asList(NONE, OURS_LIVE, OFFICIAL_LIVE),
              hostArgs(1, mode.runs1, mode.warmup1, true),
              false);
      Measurements many =
          runner.measure(
              "64 threads",
              Arrays.asList(NONE, OURS_LIVE, OFFICIAL_LIVE, OURS_OFF, OFFICIAL_OFF),
              hostArgs(64, mode.runs64, mode.warmup64, true),
              false);
      System.out.println(header(mode));
      System.out.println(new BenchTable(tiny, one, many, mode).render());
    }
  }

  private static List<String> hostArgs(int threads, long runs, long warmup, boolean measure) {
    List<String> args = new ArrayList<>();
    args.add("threads=" + threads);
    args.add("runs=" + runs);
    args.add("warmup=" + warmup);
    args.add("measure=" + measure);
    return args;
  }

  private static String header(BenchMode mode) {
    return "Benchmark "
        + LocalDate.now()
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs, Java "
        + System.getProperty("java.version")
        + ", "
        + mode
        + "; medians over rounds, differences to \"no agent\" taken pair by pair per round.\n";
  }

  static void progress(String line) {
    System.err.println("[bench] " + line);
  }
}
