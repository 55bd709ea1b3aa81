package dev.vcon.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two builds of our agent side by side on the benchmark's tiny run (rows 1, 2a, 2c and 4a of {@link
 * Bench}), for judging a start-up change: no agent, agent A and agent B, each with a live receiver
 * and with exporters off, in turn round by round after one warm-up round. Prints, per figure, each
 * variant's median and the median of its differences to "no agent" taken within a round. From the
 * repository root, after building it-tests:
 *
 * <pre>
 * java -cp "it-tests/target/classes:$(cat it-tests/target/bench-classpath.txt)" \
 *     dev.vcon.it.bench.TinyRunAB ROUNDS BEFORE.jar AFTER.jar
 * </pre>
 */
public final class TinyRunAB {
  private static final String[] LABELS = {"none", "A-live", "B-live", "A-off", "B-off"};
  private static final String[] FIGURES = {
    "first run (ms)", "whole run (ms)", "CPU (ms)", "spans received", "peak RSS (MiB)"
  };

  private TinyRunAB() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    String[] jars = {
      Paths.get(args[1]).toAbsolutePath().toString(), Paths.get(args[2]).toAbsolutePath().toString()
    };
    BenchPaths paths = new BenchPaths();
    Path logDir = Files.createDirectories(Paths.get("it-tests/target/bench-logs/ab"));
    HostLauncher launcher = new HostLauncher(logDir, 120);
    List<String> host = Arrays.asList("threads=2", "runs=20", "warmup=0", "measure=false");
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (Endpoints endpoints = new Endpoints()) {
      for (int round = -1; round < rounds; round++) {
        for (String label : LABELS) {
          List<String> jvmArgs = new ArrayList<>();
          if (!label.equals("none")) {
            Variant variant =
                new Variant(
                    Variant.Agent.VCON,
                    label.endsWith("live") ? Variant.Collector.LIVE : Variant.Collector.OFF);
            jvmArgs = variant.jvmArgs(paths, endpoints);
            String jar = jars[label.startsWith("A") ? 0 : 1];
            jvmArgs.set(0, "-javaagent:" + jar + "=" + paths.agentProperties());
          }
          long spansBefore = endpoints.spans();
          HostRun run = launcher.run("ab-" + label, jvmArgs, host);
          double[] figures = {
            run.firstRunMillis(),
            run.wallMillis(),
            run.cpuMillis(),
            endpoints.spans() - spansBefore,
            run.peakRssMiB()
          };
          Bench.progress(
              String.format(
                  "round %d %s: first %.0f ms, whole %.0f ms, CPU %.0f ms",
                  round, label, figures[0], figures[1], figures[2]));
          if (round >= 0) {
            results.computeIfAbsent(label, k -> new ArrayList<>()).add(figures);
          }
        }
      }
    }
    for (int figure = 0; figure < FIGURES.length; figure++) {
      StringBuilder line = new StringBuilder(String.format("%-16s", FIGURES[figure]));
      for (String label : LABELS) {
        List<double[]> mine = results.get(label);
        double[] values = new double[mine.size()];
        double[] differences = new double[mine.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = mine.get(i)[figure];
          differences[i] = values[i] - results.get("none").get(i)[figure];
        }
        line.append(String.format(" %s=%.0f (+%.0f)", label, median(values), median(differences)));
      }
      System.out.println(line);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
