package dev.vcon.sample.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main process when {@code --workers N} (N at least 2): starts N worker JVMs, restarts one that
 * dies unexpectedly (at most {@code maxRestarts} times in all), and stops them all on shutdown.
 * Workers inherit this process's environment, stdout and stderr, so their start and summary lines
 * appear on its output.
 */
public final class Supervisor {

  /** A worker that exits with this code found a configuration error: restarting cannot help. */
  public static final int CONFIG_ERROR_EXIT = 2;

  private final List<String> workerCommand;
  private final int workers;
  private final int maxRestarts;
  private final PrintStream log;
  private final List<Process> children = new ArrayList<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private boolean stopping;
  private int restarts;

  public Supervisor(List<String> workerCommand, int workers, int maxRestarts, PrintStream log) {
    this.workerCommand = List.copyOf(workerCommand);
    this.workers = workers;
    this.maxRestarts = maxRestarts;
    this.log = log;
  }

  /**
   * Starts the workers and watches them until {@link #stop} is called or restarting gives up.
   *
   * @return the process exit code: 0 after a requested stop, non-zero when the workers failed
   */
  public int run() throws IOException, InterruptedException {
    synchronized (this) {
      for (int slot = 0; slot < workers; slot++) {
        children.add(start(slot));
      }
    }
    while (!stopRequested.await(200, TimeUnit.MILLISECONDS)) {
      Integer failure = replaceDeadWorkers();
      if (failure != null) {
        stop(Duration.ofSeconds(30));
        return failure;
      }
    }
    return 0;
  }

  /** Forwards SIGTERM to every worker ({@link Process#destroy()}) and waits for them to exit. */
  public void stop(Duration timeout) throws InterruptedException {
    List<Process> running;
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
      running = List.copyOf(children);
    }
    stopRequested.countDown();
    running.forEach(Process::destroy);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Process child : running) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!child.waitFor(left, TimeUnit.NANOSECONDS)) {
        log.println(
            "vcon-supervisor worker pid="
                + child.pid()
                + " did not stop in "
                + timeout
                + "; killing it");
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    log.println("vcon-supervisor-stopped workers=" + running.size() + " restarts=" + restarts);
  }

  /** Returns an exit code when the workers cannot be kept running, else null. */
  private synchronized Integer replaceDeadWorkers() throws IOException {
    for (int slot = 0; slot < children.size() && !stopping; slot++) {
      Process child = children.get(slot);
      if (child.isAlive()) {
        continue;
      }
      int exit = child.exitValue();
      if (exit == CONFIG_ERROR_EXIT) {
        log.println(
            "vcon-supervisor worker pid=" + child.pid() + " rejected the configuration; stopping");
        return CONFIG_ERROR_EXIT;
      }
      if (restarts >= maxRestarts) {
        log.println(
            "vcon-supervisor worker pid="
                + child.pid()
                + " exited with "
                + exit
                + " and the restart limit ("
                + maxRestarts
                + ") is reached; stopping");
        return 1;
      }
      restarts++;
      log.println(
          "vcon-supervisor worker pid="
              + child.pid()
              + " exited with "
              + exit
              + " unexpectedly; restarting slot "
              + slot
              + " (restart "
              + restarts
              + " of "
              + maxRestarts
              + ")");
      children.set(slot, start(slot));
    }
    return null;
  }

  private Process start(int slot) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(workerCommand).inheritIO();
    builder.environment().put("CONSERVER_WORKER_SLOT", Integer.toString(slot));
    return builder.start();
  }
}
