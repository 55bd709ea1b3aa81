package dev.vcon.it.bench;

import dev.vcon.it.bench.host.BenchHost;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the benchmark host in a fresh JVM with one variant's arguments, waits for it to exit and
 * returns what it reported. Output goes to files under {@code logDir} (never a pipe the JVM could
 * block on); inherited {@code OTEL_*} and {@code VCON_AGENT_*} variables are dropped so only the
 * variant's own settings count.
 */
final class HostLauncher {
  private static final Path TIME = Paths.get("/usr/bin/time");

  private final Path javaBin;
  private final String classpath;
  private final Path logDir;
  private final long timeoutSeconds;
  private int sequence;

  HostLauncher(Path logDir, long timeoutSeconds) {
    this.javaBin = Paths.get(System.getProperty("java.home"), "bin", "java");
    this.classpath = hostClasspath();
    this.logDir = logDir;
    this.timeoutSeconds = timeoutSeconds;
  }

  HostRun run(String label, List<String> jvmArgs, List<String> hostArgs)
      throws IOException, InterruptedException {
    String name = String.format("%04d-%s", ++sequence, label.replaceAll("[^A-Za-z0-9]+", "-"));
    Path cpu = logDir.resolve(name + ".time");
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(TIME)) {
      // the JVM's own CPU, start to exit, as the kernel accounted it
      command.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", cpu.toString()));
    }
    command.add(javaBin.toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(BenchHost.class.getName());
    command.addAll(hostArgs);
    File out = logDir.resolve(name + ".out").toFile();
    File err = logDir.resolve(name + ".err").toFile();
    Files.write(logDir.resolve(name + ".cmd"), String.join(" ", command).getBytes());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.to(out))
            .redirectError(ProcessBuilder.Redirect.to(err));
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("OTEL_") || key.startsWith("VCON_AGENT_"));
    long launchMicros = epochMicros();
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException(label + ": host did not exit in " + timeoutSeconds + " s");
    }
    long wall = System.nanoTime() - start;
    for (String line : Files.readAllLines(out.toPath(), StandardCharsets.UTF_8)) {
      if (line.startsWith("BENCH ")) {
        return HostRun.parse(launchMicros, wall, line, cpuSeconds(cpu));
      }
    }
    throw new IllegalStateException(
        label + ": host printed no BENCH line (exit " + process.exitValue() + "), see " + err);
  }

  private static double cpuSeconds(Path timeOutput) throws IOException {
    if (!Files.isRegularFile(timeOutput)) {
      return Double.NaN;
    }
    for (String line : Files.readAllLines(timeOutput, StandardCharsets.UTF_8)) {
      String[] fields = line.trim().split(" ");
      if (fields.length == 2 && fields[0].matches("[0-9.]+")) {
        return Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]);
      }
    }
    return Double.NaN;
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** The host needs only its own classes: the directory or jar this class came from. */
  private static String hostClasspath() {
    try {
      return Paths.get(BenchHost.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
