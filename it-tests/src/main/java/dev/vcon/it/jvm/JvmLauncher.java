package dev.vcon.it.jvm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds and starts a real JVM for a test.
 *
 * <pre>{@code
 * try (JvmProcess jvm = JvmLauncher.forTest("MyIT.someScenario", "worker")
 *     .javaagent(ItJars.vconAgent())
 *     .systemProperty("otel.exporter.otlp.endpoint", receiver.endpointHttp())
 *     .jar(ItJars.sampleApp())
 *     .args("--workers", "2")
 *     .start()) {
 *   jvm.awaitStdoutLine(l -> l.contains("ready"), Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Output goes to {@code <logRoot>/<test>/<name>.stdout.log} and {@code .stderr.log}, the command
 * line to {@code <name>.cmd.txt}. The log root is the system property {@code vcon.it.logDir} (set
 * by the pom to {@code target/it-logs}), else {@code target/it-logs}.
 *
 * <p>Inherited {@code OTEL_*} variables are removed unless {@link #inheritOtelEnv()} is called, so
 * a developer's or CI's own OpenTelemetry settings cannot leak into a test.
 */
public final class JvmLauncher {
  public static final String LOG_DIR_PROPERTY = "vcon.it.logDir";
  private static final Set<Path> CLAIMED_DIRS = new HashSet<>();

  private final String testName;
  private final String name;
  private Path javaBinary = Paths.get(System.getProperty("java.home"), "bin", "java");
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<Path> classpath = new ArrayList<>();
  private String mainClass;
  private Path jar;
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Set<String> removedEnv = new LinkedHashSet<>();
  private boolean inheritOtelEnv;
  private Path workingDir;
  private Path logRoot;
  private Duration killGrace = Duration.ofSeconds(5);

  private JvmLauncher(String testName, String name) {
    this.testName = Objects.requireNonNull(testName, "testName");
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * @param testName names the log directory, e.g. {@code "OfficialAgentIT.deliversMetrics"}
   * @param name names this process's log files, e.g. {@code "worker-1"}
   */
  public static JvmLauncher forTest(String testName, String name) {
    return new JvmLauncher(testName, name);
  }

  /** The {@code java} executable; default: the one running this test. */
  public JvmLauncher java(Path javaBinary) {
    this.javaBinary = Objects.requireNonNull(javaBinary);
    return this;
  }

  /** Uses the Java 25 binary from {@code vcon.it.java25}; fails clearly when it is missing. */
  public JvmLauncher java25() {
    return java(ItJars.java25());
  }

  /** Raw JVM options, kept in call order with {@link #javaagent} and {@link #systemProperty}. */
  public JvmLauncher jvmArgs(String... options) {
    jvmArgs.addAll(List.of(options));
    return this;
  }

  public JvmLauncher javaagent(Path agentJar) {
    return jvmArgs("-javaagent:" + agentJar.toAbsolutePath());
  }

  public JvmLauncher javaagent(Path agentJar, String options) {
    return jvmArgs("-javaagent:" + agentJar.toAbsolutePath() + "=" + options);
  }

  public JvmLauncher systemProperty(String key, String value) {
    return jvmArgs("-D" + key + "=" + value);
  }

  /** Runs {@code mainClass} with {@code -cp}; exclusive with {@link #jar}. */
  public JvmLauncher classpath(Path... entries) {
    classpath.addAll(List.of(entries));
    return this;
  }

  public JvmLauncher mainClass(String className) {
    this.mainClass = className;
    return this;
  }

  /** Runs {@code -jar <jar>}; exclusive with {@link #mainClass}. */
  public JvmLauncher jar(Path executableJar) {
    this.jar = executableJar;
    return this;
  }

  public JvmLauncher args(String... programArgs) {
    args.addAll(List.of(programArgs));
    return this;
  }

  /** Sets an environment variable for the child (e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
  public JvmLauncher env(String key, String value) {
    env.put(key, Objects.requireNonNull(value, key));
    removedEnv.remove(key);
    return this;
  }

  public JvmLauncher removeEnv(String key) {
    env.remove(key);
    removedEnv.add(key);
    return this;
  }

  /** Keeps the test JVM's own {@code OTEL_*} variables in the child's environment. */
  public JvmLauncher inheritOtelEnv() {
    this.inheritOtelEnv = true;
    return this;
  }

  public JvmLauncher workingDir(Path dir) {
    this.workingDir = dir;
    return this;
  }

  /** Overrides the log root (default: {@code vcon.it.logDir} or {@code target/it-logs}). */
  public JvmLauncher logRoot(Path dir) {
    this.logRoot = dir;
    return this;
  }

  /** How long {@link JvmProcess#close()} waits after SIGTERM before SIGKILL; default 5 s. */
  public JvmLauncher killGrace(Duration grace) {
    this.killGrace = Objects.requireNonNull(grace);
    return this;
  }

  /** The full command line that {@link #start()} will run. */
  public List<String> command() {
    if ((jar == null) == (mainClass == null)) {
      throw new IllegalStateException("set exactly one of jar(...) or mainClass(...) for " + name);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary.toString());
    cmd.addAll(jvmArgs);
    if (jar != null) {
      if (!classpath.isEmpty()) {
        throw new IllegalStateException(
            "-jar ignores -cp; do not combine jar(...) and classpath(...)");
      }
      cmd.add("-jar");
      cmd.add(jar.toAbsolutePath().toString());
    } else {
      if (!classpath.isEmpty()) {
        cmd.add("-cp");
        cmd.add(
            classpath.stream()
                .map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
      }
      cmd.add(mainClass);
    }
    cmd.addAll(args);
    return cmd;
  }

  /** The directory this launcher's logs go to. */
  public Path logDir() {
    Path root = logRoot;
    if (root == null) {
      root = Paths.get(System.getProperty(LOG_DIR_PROPERTY, "target/it-logs"));
    }
    return root.resolve(sanitize(testName)).toAbsolutePath();
  }

  /** Starts the JVM; output capture begins at once. */
  public JvmProcess start() {
    List<String> cmd = command();
    if (!Files.isExecutable(javaBinary)) {
      throw new IllegalStateException("java binary not found or not executable: " + javaBinary);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> childEnv = pb.environment();
    if (!inheritOtelEnv) {
      childEnv.keySet().removeIf(k -> k.startsWith("OTEL_"));
    }
    removedEnv.forEach(childEnv::remove);
    childEnv.putAll(env);
    if (workingDir != null) {
      pb.directory(workingDir.toFile());
    }
    Path dir = logDir();
    try {
      String base = uniqueBase(dir, sanitize(name));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(base + ".cmd.txt"), describe(cmd), StandardCharsets.UTF_8);
      Process process = pb.start();
      LineCapture out =
          new LineCapture(
              base + " stdout", process.getInputStream(), dir.resolve(base + ".stdout.log"));
      LineCapture err =
          new LineCapture(
              base + " stderr", process.getErrorStream(), dir.resolve(base + ".stderr.log"));
      return new JvmProcess(base, process, cmd, dir, out, err, killGrace);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + cmd, e);
    }
  }

  private String describe(List<String> cmd) {
    StringBuilder sb = new StringBuilder();
    sb.append("cwd: ")
        .append(workingDir == null ? Paths.get("").toAbsolutePath() : workingDir.toAbsolutePath())
        .append('\n');
    env.forEach((k, v) -> sb.append("env: ").append(k).append('=').append(v).append('\n'));
    removedEnv.forEach(k -> sb.append("env removed: ").append(k).append('\n'));
    if (!inheritOtelEnv) {
      sb.append("env removed: OTEL_* (inherited)\n");
    }
    sb.append(String.join(" \\\n  ", cmd)).append('\n');
    return sb.toString();
  }

  /**
   * The same process name twice in one test gets -2, -3, ... so no log is overwritten. Logs a
   * previous build left in the directory are deleted the first time this test JVM uses it, so the
   * directory always shows one run.
   */
  private static synchronized String uniqueBase(Path dir, String base) throws IOException {
    if (CLAIMED_DIRS.add(dir) && Files.isDirectory(dir)) {
      try (Stream<Path> stale = Files.list(dir)) {
        for (Path p : (Iterable<Path>) stale::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
    String candidate = base;
    for (int i = 2; Files.exists(dir.resolve(candidate + ".cmd.txt")); i++) {
      candidate = base + "-" + i;
    }
    return candidate;
  }

  static String sanitize(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
