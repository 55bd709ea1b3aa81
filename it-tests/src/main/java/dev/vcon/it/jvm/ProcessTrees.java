package dev.vcon.it.jvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started, politely first. */
final class ProcessTrees {
  private ProcessTrees() {}

  /**
   * Sends SIGTERM to the descendants and the root, waits up to {@code grace} for them all to go,
   * then SIGKILLs whatever is left. Descendants are listed first: once the root is gone its
   * children are re-parented and no longer show up as its descendants.
   */
  static void kill(ProcessHandle root, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    root.descendants().forEach(all::add);
    all.add(root);
    for (ProcessHandle p : all) {
      p.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          // Timed out or interrupted: the forcible pass below deals with it.
        }
      }
    }
    for (ProcessHandle p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // SIGKILL cannot be ignored; a zombie whose parent has not reaped it yet is harmless.
      }
    }
  }
}
