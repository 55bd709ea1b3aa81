package dev.vcon.it.shapes.host;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Hosts whose chain runs can never end, or end oddly; the first argument names the scenario:
 *
 * <ul>
 *   <li>{@code exit-inside-run}: calls {@code System.exit(0)} inside a run;
 *   <li>{@code daemon-parked}: a daemon thread parks for good inside a run; main returns;
 *   <li>{@code recursion}: a run that calls the same receiver for 6 other vCons, nested (7 runs);
 *   <li>{@code stack-overflow}: runs nested for alternating vCons until the stack overflows; the
 *       host catches the {@code StackOverflowError}, then does one ordinary run and returns.
 * </ul>
 *
 * Each prints what it did on stdout, the same with and without an agent.
 */
public final class RunShapesMain {

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "exit-inside-run":
        new Job(
                (job, id, depth) -> {
                  System.out.println("exiting inside run " + id);
                  System.exit(0);
                })
            .process("exit-1", 0);
        throw new AssertionError("System.exit returned");
      case "daemon-parked":
        daemonParked();
        return;
      case "recursion":
        recursion();
        return;
      case "stack-overflow":
        stackOverflow();
        return;
      default:
        throw new IllegalArgumentException(args[0]);
    }
  }

  private static void daemonParked() throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    Job job =
        new Job(
            (j, id, depth) -> {
              inside.countDown();
              while (true) {
                LockSupport.park();
              }
            });
    Thread daemon = new Thread(() -> job.process("daemon-1", 0), "parked-daemon");
    daemon.setDaemon(true);
    daemon.start();
    inside.await();
    System.out.println("daemon parked inside run daemon-1; main returns");
  }

  private static void recursion() {
    Job job =
        new Job(
            (j, id, depth) -> {
              if (depth < 6) {
                j.process("rec-" + (depth + 1), depth + 1);
              }
            });
    System.out.println("recursion returned " + job.process("rec-0", 0));
  }

  private static void stackOverflow() {
    Job job = new Job((j, id, depth) -> j.process("so-" + (depth % 2), depth + 1));
    try {
      job.process("so-0", 0);
      System.out.println("no overflow?");
    } catch (StackOverflowError e) {
      System.out.println("caught StackOverflowError");
    }
    System.out.println("after overflow: " + new Job((j, id, depth) -> {}).process("after-1", 0));
  }
}
