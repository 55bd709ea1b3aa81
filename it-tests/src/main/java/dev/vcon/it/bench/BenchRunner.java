package dev.vcon.it.bench;

import java.util.List;

/** Runs a group of variants round by round (each once per round, in turn) with the same host. */
final class BenchRunner {
  private final HostLauncher launcher;
  private final BenchPaths paths;
  private final Endpoints endpoints;
  private final int rounds;

  BenchRunner(HostLauncher launcher, BenchPaths paths, Endpoints endpoints, int rounds) {
    this.launcher = launcher;
    this.paths = paths;
    this.endpoints = endpoints;
    this.rounds = rounds;
  }

  /**
   * @param warmUpRound one uncounted round first (page cache, CDS archive), for the short runs
   *     whose whole-process time is the figure
   */
  Measurements measure(
      String group, List<Variant> variants, List<String> hostArgs, boolean warmUpRound)
      throws Exception {
    Measurements measurements = new Measurements();
    long runsPerHost = runsPerHost(hostArgs);
    for (int round = warmUpRound ? -1 : 0; round < rounds; round++) {
      for (Variant variant : variants) {
        Bench.progress(
            group + ", " + (round < 0 ? "warm-up" : "round " + (round + 1)) + ": " + variant);
        long spansBefore = endpoints.spans();
        HostRun run =
            launcher.run(
                group + "-" + variant.label(), variant.jvmArgs(paths, endpoints), hostArgs);
        double spans = (endpoints.spans() - spansBefore) / (double) runsPerHost;
        if (round >= 0) {
          measurements.add(variant, run, spans);
        }
      }
    }
    return measurements;
  }

  private static long runsPerHost(List<String> hostArgs) {
    long total = 0;
    for (String arg : hostArgs) {
      if (arg.startsWith("runs=") || arg.startsWith("warmup=")) {
        total += Long.parseLong(arg.substring(arg.indexOf('=') + 1));
      }
    }
    return total;
  }
}
