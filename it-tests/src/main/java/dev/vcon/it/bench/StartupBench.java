package dev.vcon.it.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up cost of the agent on the sample app (for the side-by-side table on a host of the
 * benchmark's own, see {@link Bench}), measured as whole JVM runs: the same tiny run of the sample
 * app (one {@code produce} of one vCon) with no agent, with the agent switched off, with our agent,
 * and optionally with the official OpenTelemetry agent, interleaved round by round so drift in the
 * machine's speed hits every variant alike. Prints min, median and max wall time per variant and
 * each median's difference and ratio to "no agent".
 *
 * <pre>
 * java -cp it-tests/target/classes dev.vcon.it.bench.StartupBench [rounds] [official-agent.jar]
 * </pre>
 */
public final class StartupBench {

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    String agent = Paths.get("agent/target/vcon-otel-agent.jar").toAbsolutePath().toString();
    String sample = Paths.get("sample-app/target/sample-app.jar").toAbsolutePath().toString();
    // what the agent instruments in the sample app (the agent has no built-in defaults)
    String agentArg = agent + "=" + Paths.get("sample-app/vcon-agent.properties").toAbsolutePath();
    String sampleConfig = Paths.get("sample-app/vcon-agent.properties").toAbsolutePath().toString();
    Path spool = Files.createTempDirectory("startup-bench");
    List<String> run =
        Arrays.asList("-jar", sample, "produce", "--count", "1", "--spool", spool.toString());

    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("no agent", Collections.<String>emptyList());
    variants.put(
        "vcon agent, disabled", Arrays.asList("-javaagent:" + agent, "-Dvcon.agent.enabled=false"));
    variants.put(
        "vcon agent", Collections.singletonList("-javaagent:" + agent + "=" + sampleConfig));
    if (args.length > 1) {
      variants.put(
          "official agent 2.x, exporters off",
          Arrays.asList(
              "-javaagent:" + args[1],
              "-Dotel.traces.exporter=none",
              "-Dotel.metrics.exporter=none",
              "-Dotel.logs.exporter=none"));
    }

    Map<String, List<Long>> millis = new LinkedHashMap<>();
    for (String name : variants.keySet()) {
      millis.put(name, new ArrayList<>());
    }
    for (String name : variants.keySet()) {
      runOnce(variants.get(name), run); // warm-up: page cache, CDS archive
    }
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        millis.get(variant.getKey()).add(runOnce(variant.getValue(), run));
      }
    }

    long baseline = median(millis.get("no agent"));
    System.out.printf(
        "%-36s %8s %8s %8s %10s %7s%n",
        "variant (" + rounds + " rounds, ms)", "min", "median", "max", "+median", "ratio");
    for (Map.Entry<String, List<Long>> entry : millis.entrySet()) {
      List<Long> sorted = new ArrayList<>(entry.getValue());
      Collections.sort(sorted);
      long median = median(sorted);
      System.out.printf(
          "%-36s %8d %8d %8d %10d %7.2f%n",
          entry.getKey(),
          sorted.get(0),
          median,
          sorted.get(sorted.size() - 1),
          median - baseline,
          (double) median / baseline);
    }
  }

  private static long runOnce(List<String> jvmArgs, List<String> run)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(run);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.to(new File("/dev/null")));
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("OTEL_") || key.startsWith("VCON_AGENT_"));
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("run did not finish: " + command);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
