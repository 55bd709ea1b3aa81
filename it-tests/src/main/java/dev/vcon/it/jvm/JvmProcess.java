package dev.vcon.it.jvm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started by {@link JvmLauncher}. Close it (try-with-resources) so that a failing test leaves
 * no process behind: {@link #close()} ends the whole process tree. As a last resort a shutdown hook
 * of the test JVM kills whatever is still open.
 */
public final class JvmProcess implements AutoCloseable {
  private static final Set<JvmProcess> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> OPEN.forEach(p -> ProcessTrees.kill(p.process.toHandle(), Duration.ZERO)),
                "jvm-harness-reaper"));
  }

  private final String name;
  private final Process process;
  private final List<String> command;
  private final Path logDir;
  private final LineCapture stdout;
  private final LineCapture stderr;
  private final Duration killGrace;

  JvmProcess(
      String name,
      Process process,
      List<String> command,
      Path logDir,
      LineCapture stdout,
      LineCapture stderr,
      Duration killGrace) {
    this.name = name;
    this.process = process;
    this.command = List.copyOf(command);
    this.logDir = logDir;
    this.stdout = stdout;
    this.stderr = stderr;
    this.killGrace = killGrace;
    OPEN.add(this);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public List<String> command() {
    return command;
  }

  /**
   * The directory holding this process's {@code .stdout.log}, {@code .stderr.log}, {@code
   * .cmd.txt}.
   */
  public Path logDir() {
    return logDir;
  }

  public LineCapture stdout() {
    return stdout;
  }

  public LineCapture stderr() {
    return stderr;
  }

  public String awaitStdoutLine(Predicate<String> matcher, Duration timeout) {
    return stdout.awaitLine(matcher, timeout);
  }

  public String awaitStderrLine(Predicate<String> matcher, Duration timeout) {
    return stderr.awaitLine(matcher, timeout);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Writes one line to the process's standard input. */
  public void writeStdin(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to stdin of " + name, e);
    }
  }

  /**
   * SIGTERM to this JVM only (shutdown hooks run); see {@link #awaitExit}. Sent through the
   * ProcessHandle because {@code Process.destroy()} also closes our ends of the pipes, which would
   * lose whatever the shutdown hooks print (e.g. an agent's final-flush log lines).
   */
  public void sendTerm() {
    process.toHandle().destroy();
  }

  /** SIGKILL to this JVM only (output read so far is kept, as for {@link #sendTerm()}). */
  public void sendKill() {
    process.toHandle().destroyForcibly();
  }

  /**
   * Waits for the JVM to exit and for its output to be fully read.
   *
   * @return the exit code (143 after SIGTERM, 137 after SIGKILL)
   * @throws AssertionError if it is still running after {@code timeout}, with its output tails
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError(
            name + " (pid " + pid() + ") still running after " + timeout + "\n" + outputTails());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + name + " to exit", e);
    }
    // Grandchildren may hold the pipes open; do not wait on them forever.
    stdout.awaitEnd(Duration.ofSeconds(5));
    stderr.awaitEnd(Duration.ofSeconds(5));
    return process.exitValue();
  }

  /** Both output tails, for failure messages. */
  public String outputTails() {
    return stdout.tail() + "\n" + stderr.tail();
  }

  /**
   * Ends the process and all its descendants: SIGTERM, then SIGKILL after the launcher's grace
   * period. Safe to call on an exited process and more than once.
   */
  @Override
  public void close() {
    try {
      ProcessTrees.kill(process.toHandle(), killGrace);
      stdout.awaitEnd(Duration.ofSeconds(5));
      stderr.awaitEnd(Duration.ofSeconds(5));
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Already closed by the dying process; nothing to release.
      }
    } finally {
      OPEN.remove(this);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
