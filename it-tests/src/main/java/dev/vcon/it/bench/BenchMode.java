package dev.vcon.it.bench;

/**
 * How much to run. {@code quick} (the default) takes a few minutes on two cores; {@code full} runs
 * the 64-thread rows to a million chain runs, for the peak-RSS-after-a-million figure. Any count
 * can be overridden: {@code rounds=5 runs1=20000 runs64=200000}.
 */
final class BenchMode {
  final String name;
  final int rounds;
  final long runs1;
  final long warmup1;
  final long runs64;
  final long warmup64;

  private BenchMode(String name, int rounds, long runs1, long warmup1, long runs64, long warmup64) {
    this.name = name;
    this.rounds = rounds;
    this.runs1 = runs1;
    this.warmup1 = warmup1;
    this.runs64 = runs64;
    this.warmup64 = warmup64;
  }

  static BenchMode parse(String[] args) {
    BenchMode mode = new BenchMode("quick", 3, 10_000, 10_000, 50_000, 10_000);
    for (String arg : args) {
      if (arg.equals("full")) {
        mode = new BenchMode("full", 5, 50_000, 20_000, 1_000_000, 50_000);
      }
    }
    int rounds = mode.rounds;
    long runs1 = mode.runs1;
    long runs64 = mode.runs64;
    for (String arg : args) {
      if (arg.startsWith("rounds=")) {
        rounds = Integer.parseInt(arg.substring(7));
      } else if (arg.startsWith("runs1=")) {
        runs1 = Long.parseLong(arg.substring(6));
      } else if (arg.startsWith("runs64=")) {
        runs64 = Long.parseLong(arg.substring(7));
      } else if (!arg.equals("full") && !arg.equals("quick")) {
        throw new IllegalArgumentException(
            "unknown argument " + arg + "; expected quick, full, rounds=N, runs1=N, runs64=N");
      }
    }
    return new BenchMode(mode.name, rounds, runs1, mode.warmup1, runs64, mode.warmup64);
  }

  @Override
  public String toString() {
    return name
        + ": "
        + rounds
        + " rounds, "
        + runs1
        + " runs on 1 thread, "
        + runs64
        + " runs on 64 threads";
  }
}
