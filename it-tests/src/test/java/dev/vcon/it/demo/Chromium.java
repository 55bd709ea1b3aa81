package dev.vcon.it.demo;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, run once per command with a profile of its own. Missing {@code chromium}: the
 * test is skipped, except with {@code CI=true}, where it fails (as the Redis tests do).
 */
final class Chromium {
  private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome"};

  private final String binary;
  private final Path workDir;

  private Chromium(String binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  static Chromium findOrSkip(Path workDir) {
    String binary = find();
    if (binary == null) {
      String why = "chromium is not installed (apt-get install chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + "; CI=true requires the browser test to run");
      }
      assumeTrue(false, why);
    }
    return new Chromium(binary, workDir);
  }

  private static String find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String name : NAMES) {
      for (String dir : path.split(File.pathSeparator)) {
        File f = new File(dir, name);
        if (f.isFile() && f.canExecute()) {
          return f.getAbsolutePath();
        }
      }
    }
    return null;
  }

  /** What one headless run printed: the DOM (stdout) and the browser's log (stderr). */
  record Result(String stdout, List<String> consoleMessages, Path log) {}

  /**
   * Loads {@code url}, lets its scripts run for {@code virtualMillis} of virtual time (network
   * waits do not count), then prints the DOM.
   */
  Result dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
    return run("dump-dom", url, virtualMillis, "--dump-dom");
  }

  /** Loads {@code url} like {@link #dumpDom} and saves a PNG of the window. */
  Result screenshot(String url, int virtualMillis, Path png)
      throws IOException, InterruptedException {
    return run("screenshot", url, virtualMillis, "--screenshot=" + png.toAbsolutePath());
  }

  private Result run(String name, String url, int virtualMillis, String action)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path out = workDir.resolve(name + ".stdout.txt");
    Path err = workDir.resolve(name + ".stderr.txt");
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.add("--headless");
    // Root in a container has no user namespace for the sandbox; the page is our own, on loopback.
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-dev-shm-usage");
    command.add("--hide-scrollbars");
    command.add("--no-first-run");
    command.add("--user-data-dir=" + workDir.resolve("profile-" + name).toAbsolutePath());
    command.add("--window-size=1280,1500");
    command.add("--enable-logging=stderr");
    command.add("--v=0");
    command.add("--virtual-time-budget=" + virtualMillis);
    command.add(action);
    command.add(url);
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("chromium did not finish within 3 minutes; see " + err);
    }
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      // Chromium logs every console message and uncaught error of the page as ...:CONSOLE(...)].
      if (line.contains(":CONSOLE")) {
        console.add(line);
      }
    }
    return new Result(Files.readString(out, StandardCharsets.UTF_8), console, err);
  }
}
