package dev.vcon.sample.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/sample-app.jar ...} started by a test, with its stdout and stderr lines
 * collected as they come (worker children share them). {@link #close()} kills it and every
 * descendant still alive, so a failed test leaves no process behind.
 */
public final class JavaProcess implements AutoCloseable {

  private final Process process;
  private final List<String> out = new CopyOnWriteArrayList<>();
  private final List<String> err = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final List<ProcessHandle> seenDescendants = new CopyOnWriteArrayList<>();

  private JavaProcess(Process process) {
    this.process = process;
    readers.add(pump(process.getInputStream(), out));
    readers.add(pump(process.getErrorStream(), err));
  }

  public static JavaProcess start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("REDIS_URL");
    builder.environment().remove("CONSERVER_WORKERS");
    builder.environment().remove("CONSERVER_VCON_CONCURRENCY");
    builder.environment().remove("CONSERVER_SPOOL_DIR");
    builder.environment().putAll(env);
    return new JavaProcess(builder.start());
  }

  public static Path jar() {
    String jar = System.getProperty("sample.jar", "target/sample-app.jar");
    return Path.of(jar).toAbsolutePath();
  }

  public Process process() {
    return process;
  }

  public List<String> out() {
    return out;
  }

  public List<String> err() {
    return err;
  }

  /** The lines of stdout starting with the prefix. */
  public List<String> outLines(String prefix) {
    return out.stream().filter(line -> line.startsWith(prefix)).toList();
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

  /** Waits for exit and for the output readers to drain; returns the exit code. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("process did not exit within " + seconds + " s; stderr: " + err);
    }
    for (Thread reader : readers) {
      reader.join(TimeUnit.SECONDS.toMillis(seconds));
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

  private static Thread pump(InputStream stream, List<String> sink) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          sink.add(line);
        }
      } catch (IOException e) {
        sink.add("<stream closed: " + e + ">");
      }
    }, "process-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
