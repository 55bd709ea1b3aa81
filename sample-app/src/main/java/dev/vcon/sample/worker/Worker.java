package dev.vcon.sample.worker;

import dev.vcon.sample.chain.ChainDetails;
import dev.vcon.sample.chain.ChainEnvironment;
import dev.vcon.sample.chain.ChainRequest;
import dev.vcon.sample.chain.ChainStats;
import dev.vcon.sample.chain.Chains;
import dev.vcon.sample.queue.QueueUnavailableException;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.queue.VconQueue.Popped;
import dev.vcon.sample.vcon.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * conserver's worker loop: pop a vCon uuid from the ingress lists, run its chain on one of {@code
 * concurrency} threads, dead-letter it when the chain throws.
 *
 * <p>Back-pressure as in conserver: a uuid is popped only when a thread is free (a semaphore of
 * {@code concurrency} permits), so work a worker cannot start stays in the shared queue for the
 * other workers.
 */
public final class Worker {

  private final Chains chains;
  private final VconQueue queue;
  private final ChainStats stats;
  private final ChainEnvironment environment;
  private final DeadLetters deadLetters;
  private final int concurrency;
  private final Duration popTimeout;
  private final PrintStream out;
  private final PrintStream log;
  private final ExecutorService threads;
  private final Semaphore freeThreads;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch loopExited = new CountDownLatch(1);
  private volatile boolean stopping;

  public Worker(
      Chains chains,
      VconQueue queue,
      ChainStats stats,
      int concurrency,
      Duration popTimeout,
      PrintStream out,
      PrintStream log) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.chains = chains;
    this.queue = queue;
    this.stats = stats;
    this.environment = new ChainEnvironment(queue, stats, log);
    this.deadLetters = new DeadLetters(queue, log);
    this.concurrency = concurrency;
    this.popTimeout = popTimeout;
    this.out = out;
    this.log = log;
    this.threads = Executors.newFixedThreadPool(concurrency, namedThreads());
    this.freeThreads = new Semaphore(concurrency);
  }

  /** Takes and runs work until {@link #stop} is called. Blocks the calling thread. */
  public void run() {
    try {
      out.println(
          "vcon-worker-started pid="
              + ProcessHandle.current().pid()
              + " concurrency="
              + concurrency
              + " queue="
              + queue.kind());
      awaitQueueReachable();
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      loopExited.countDown();
    }
  }

  /**
   * Graceful stop: take no more work, put back a uuid popped but not started, let the running
   * chains finish (up to {@code drainTimeout}). Safe to call from a shutdown hook.
   *
   * @return true when everything in flight finished in time
   */
  public boolean stop(Duration drainTimeout) throws InterruptedException {
    stopping = true;
    stopRequested.countDown();
    // The loop notices within one pop timeout.
    loopExited.await(popTimeout.toMillis() + drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    threads.shutdown();
    boolean drained = threads.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!drained) {
      log.println(
          "vcon-worker-drain-timeout pid="
              + ProcessHandle.current().pid()
              + " still_running="
              + (concurrency - freeThreads.availablePermits()));
      threads.shutdownNow();
    }
    chains.close();
    return drained;
  }

  private void awaitQueueReachable() throws InterruptedException {
    Backoff backoff = new Backoff(250, 5_000);
    while (!stopping) {
      try {
        queue.ping();
        return;
      } catch (QueueUnavailableException e) {
        backoff.failedThenWait(queue.kind() + "-connect", e, log, stopRequested);
      }
    }
  }

  private void loop() throws InterruptedException {
    List<String> ingressLists = chains.ingressLists();
    Backoff backoff = new Backoff(250, 5_000);
    while (!stopping) {
      if (!freeThreads.tryAcquire(popTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        continue;
      }
      Optional<Popped> popped;
      try {
        popped = queue.popFirst(ingressLists, popTimeout);
        backoff.reset();
      } catch (QueueUnavailableException e) {
        freeThreads.release();
        backoff.failedThenWait(queue.kind() + "-pop", e, log, stopRequested);
        continue;
      }
      if (popped.isEmpty()) {
        freeThreads.release();
        continue;
      }
      if (stopping) {
        // Taken but not started: it goes back to the head of its list for another worker.
        putBack(popped.get());
        freeThreads.release();
        break;
      }
      Popped work = popped.get();
      threads.execute(
          () -> {
            try {
              runChain(work);
            } finally {
              freeThreads.release();
            }
          });
    }
  }

  private void runChain(Popped work) {
    ChainDetails chain = chains.forIngress(work.list());
    ChainRequest request = new ChainRequest(chain, work.uuid(), upstreamContext(work), environment);
    try {
      stats.recordRun(request.process());
    } catch (RuntimeException e) {
      stats.recordFailedRun();
      deadLetter(work, e);
    }
  }

  /** A missing or malformed context never fails the vCon: it is run without one. */
  private Map<String, Object> upstreamContext(Popped work) {
    try {
      Optional<String> json = queue.popContext(work.list(), work.uuid());
      return json.isEmpty() ? null : Json.parseMap(json.get());
    } catch (RuntimeException e) {
      log.println(
          "vcon-context-ignored uuid="
              + work.uuid()
              + " list="
              + work.list()
              + " reason="
              + e.getMessage());
      return null;
    }
  }

  private void deadLetter(Popped work, RuntimeException reason) {
    String dlq = VconQueue.deadLetterList(work.list());
    log.println(
        "vcon-dead-lettered uuid="
            + work.uuid()
            + " ingress="
            + work.list()
            + " dlq="
            + dlq
            + " reason="
            + reason.getMessage());
    try {
      deadLetters.move(work.uuid(), dlq);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      log.println("vcon-dead-letter-abandoned uuid=" + work.uuid() + " ingress=" + work.list());
    }
  }

  private void putBack(Popped work) {
    try {
      queue.pushFront(work.list(), work.uuid());
    } catch (QueueUnavailableException e) {
      log.println(
          "vcon-put-back-failed uuid="
              + work.uuid()
              + " list="
              + work.list()
              + " reason="
              + e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory namedThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> new Thread(runnable, "vcon-worker-" + count.incrementAndGet());
  }
}
