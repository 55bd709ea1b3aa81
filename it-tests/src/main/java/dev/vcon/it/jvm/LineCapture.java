package dev.vcon.it.jvm;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads one output stream of a child process line by line on its own thread, appending every line
 * to a log file (flushed per line, so a hung test can be diagnosed with {@code tail -f}) and to
 * memory, where tests can wait for a line.
 */
public final class LineCapture {
  private static final int TAIL_LINES = 40;

  private final String label;
  private final Path file;
  private final Object lock = new Object();
  private final List<String> lines = new ArrayList<>();
  private final Thread pump;
  private boolean ended;

  LineCapture(String label, InputStream stream, Path file) {
    this.label = label;
    this.file = file;
    Writer writer;
    try {
      writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    this.pump = new Thread(() -> pump(stream, writer), "capture-" + label);
    pump.setDaemon(true);
    pump.start();
  }

  private void pump(InputStream stream, Writer writer) {
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(writer)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        synchronized (lock) {
          lines.add(line);
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is killed; what was read so far is kept.
    } finally {
      synchronized (lock) {
        ended = true;
        lock.notifyAll();
      }
    }
  }

  /** The log file the lines go to. */
  public Path file() {
    return file;
  }

  /** Snapshot of the lines read so far. */
  public List<String> lines() {
    synchronized (lock) {
      return List.copyOf(lines);
    }
  }

  /** The lines read so far, joined by newlines. */
  public String text() {
    return String.join("\n", lines());
  }

  /** The first line so far that matches, if any. */
  public Optional<String> find(Predicate<String> matcher) {
    return lines().stream().filter(matcher).findFirst();
  }

  /** True once the stream hit end-of-file (the process closed it or exited). */
  public boolean ended() {
    synchronized (lock) {
      return ended;
    }
  }

  /**
   * Waits for the first line (already read or still to come) that matches.
   *
   * @throws AssertionError if none matches within {@code timeout}, or the stream ends first; the
   *     message has the last lines of output
   */
  public String awaitLine(Predicate<String> matcher, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    synchronized (lock) {
      while (true) {
        for (; checked < lines.size(); checked++) {
          if (matcher.test(lines.get(checked))) {
            return lines.get(checked);
          }
        }
        if (ended) {
          throw new AssertionError(
              label + " ended without a matching line (" + matcher + ")\n" + tailLocked());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching "
                  + label
                  + " line ("
                  + matcher
                  + ") within "
                  + timeout
                  + "\n"
                  + tailLocked());
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for a " + label + " line", e);
        }
      }
    }
  }

  /** Shorthand for a line containing {@code fragment}. */
  public String awaitLineContaining(String fragment, Duration timeout) {
    return awaitLine(
        new Predicate<>() {
          @Override
          public boolean test(String line) {
            return line.contains(fragment);
          }

          @Override
          public String toString() {
            return "containing '" + fragment + "'";
          }
        },
        timeout);
  }

  /** The last lines, labelled, for failure messages. */
  public String tail() {
    synchronized (lock) {
      return tailLocked();
    }
  }

  private String tailLocked() {
    int from = Math.max(0, lines.size() - TAIL_LINES);
    StringBuilder sb =
        new StringBuilder(
            "--- last " + (lines.size() - from) + " " + label + " lines (" + file + ") ---");
    for (String l : lines.subList(from, lines.size())) {
      sb.append('\n').append(l);
    }
    return sb.toString();
  }

  /** Waits for the pump to reach end-of-file, so {@link #lines()} is complete after an exit. */
  void awaitEnd(Duration timeout) {
    try {
      pump.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
