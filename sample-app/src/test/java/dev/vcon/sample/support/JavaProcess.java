package dev.vcon.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar target/sample-app.jar ...} started by a test, its stdout and stderr written to
 * files that worker children share. Files, not pipes: when the supervisor dies first, the JDK
 * closes our end of its pipes, and lines its orphaned workers print afterwards would be lost.
 * {@link #close()} kills it and every descendant still alive, so a failed test leaves no process
 * behind.
 */
public final class JavaProcess implements AutoCloseable {

  /** A JVM flag every worker JVM must inherit from the supervisor, as a -javaagent flag would. */
  public static final String INHERITED_FLAG = "-Dvcon.sample.it=inherited";

  private static final AtomicInteger COUNT = new AtomicInteger();

  private final Process process;
  private final Path outFile;
  private final Path errFile;
  private final List<ProcessHandle> seenDescendants = new CopyOnWriteArrayList<>();

  private JavaProcess(Process process, Path outFile, Path errFile) {
    this.process = process;
    this.outFile = outFile;
    this.errFile = errFile;
  }

  public static JavaProcess start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add(INHERITED_FLAG);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("REDIS_URL");
    builder.environment().remove("CONSERVER_WORKERS");
    builder.environment().remove("CONSERVER_VCON_CONCURRENCY");
    builder.environment().remove("CONSERVER_SPOOL_DIR");
    builder.environment().putAll(env);
    int n = COUNT.incrementAndGet();
    Path outFile = workDir.resolve("java-process-" + n + ".out");
    Path errFile = workDir.resolve("java-process-" + n + ".err");
    builder.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    return new JavaProcess(builder.start(), outFile, errFile);
  }

  public static Path jar() {
    String jar = System.getProperty("sample.jar", "target/sample-app.jar");
    return Path.of(jar).toAbsolutePath();
  }

  public Process process() {
    return process;
  }

  public List<String> out() {
    return lines(outFile);
  }

  public List<String> err() {
    return lines(errFile);
  }

  /** The lines of stdout starting with the prefix. */
  public List<String> outLines(String prefix) {
    return out().stream().filter(line -> line.startsWith(prefix)).toList();
  }

  /**
   * Sends SIGTERM. Through the {@link ProcessHandle}: {@link Process#destroy()} sends the same
   * signal but also closes our ends of stdout and stderr, losing the lines printed on shutdown.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Remembers the current children, to check later that they are gone. */
  public List<ProcessHandle> descendants() {
    List<ProcessHandle> now = process.descendants().toList();
    seenDescendants.addAll(now);
    return now;
  }

  /** Waits for exit; returns the exit code. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("process did not exit within " + seconds + " s; stderr: " + err());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(seenDescendants);
    all.addAll(process.descendants().toList());
    process.destroyForcibly();
    for (ProcessHandle handle : all) {
      handle.destroyForcibly();
    }
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle handle : all) {
      handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
  }

  /** The complete lines written so far (a line still being written is left for the next call). */
  private static List<String> lines(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
