package dev.vcon.it.bench.host;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's host: a small service of its own, not the sample app, that knows nothing of
 * telemetry. It processes conversations on a few threads, each through a few {@link DigestStep}s
 * and a {@link MemorySink}, and prints one line {@code BENCH key=value ...} of what only it can see
 * (see {@link HostReport}) before it exits normally.
 *
 * <pre>
 * java [-javaagent:...] -cp it-tests/target/classes dev.vcon.it.bench.host.BenchHost \
 *     threads=2 runs=20 [warmup=0] [settle=0] [links=3] [rounds=4] [payload=2048]
 * </pre>
 *
 * With {@code warmup=0} the runs are timed from the first; otherwise {@code warmup} runs go first
 * (same threads), then all threads start the measured {@code runs} together.
 */
public final class BenchHost {
  private static final String ROUTE = "bench";

  private BenchHost() {}

  public static void main(String[] args) throws Exception {
    HostArgs options = HostArgs.parse(args);
    HostReport report = new HostReport();
    AtomicBoolean firstDone = new AtomicBoolean();
    AtomicLong firstRunEndMicros = new AtomicLong();

    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < options.links(); i++) {
      steps.add(new DigestStep("digest-" + i, options.rounds()));
    }
    MemorySink sink = new MemorySink("memory");
    Route route = new Route(ROUTE);
    byte[] payload = new byte[options.payload()];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }

    int threads = options.threads();
    CyclicBarrier warmed = new CyclicBarrier(threads + 1);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    CyclicBarrier end = new CyclicBarrier(threads + 1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  long warm = share(options.warmup(), threads, worker);
                  for (long i = 0; i < warm; i++) {
                    runOne(worker, i, route, steps, sink, payload);
                  }
                  warmed.await();
                  start.await();
                  long allocated = report.allocatedByThisThread();
                  long mine = share(options.runs(), threads, worker);
                  for (long i = 0; i < mine; i++) {
                    runOne(worker, warm + i, route, steps, sink, payload);
                    if (!firstDone.get() && firstDone.compareAndSet(false, true)) {
                      firstRunEndMicros.set(HostReport.epochMicros());
                    }
                  }
                  report.addHostAllocation(report.allocatedByThisThread() - allocated);
                  end.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              "bench-worker-" + t);
      workers.add(thread);
      thread.start();
    }
    warmed.await();
    if (options.settleMillis() > 0) {
      Thread.sleep(options.settleMillis());
    }
    report.startMeasuring(options.measure());
    start.await();
    long began = System.nanoTime();
    end.await();
    long elapsed = System.nanoTime() - began;
    report.stopMeasuring();
    for (Thread worker : workers) {
      worker.join();
    }
    if (sink.writes() != options.warmup() + options.runs()) {
      throw new IllegalStateException("sink saw " + sink.writes() + " writes");
    }
    System.out.println(report.line(options, elapsed, firstRunEndMicros.get()));
  }

  private static long share(long total, int threads, int worker) {
    return total / threads + (worker < total % threads ? 1 : 0);
  }

  private static void runOne(
      int worker, long i, Route route, List<Step> steps, Sink sink, byte[] payload) {
    String id = conversationId(worker, i);
    new Conversation(id, route, traceparent(worker, i), steps, sink, payload).process();
  }

  /** A UUID-shaped id per run, as a vCon uuid would be. */
  private static String conversationId(int worker, long i) {
    return new UUID(0x4000L | ((long) worker << 32), 0x8000_0000_0000_0000L | i).toString();
  }

  /** An upstream producer's context, so each run also records a span link. */
  private static String traceparent(int worker, long i) {
    return "00-" + hex16(worker + 1L) + hex16(i + 1) + "-" + hex16(i + 1) + "-01";
  }

  private static String hex16(long value) {
    String hex = Long.toHexString(value);
    return "0000000000000000".substring(hex.length()) + hex;
  }
}
