package com.acme.router;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A service that is not the sample app, to show how the vcon-otel-agent is pointed at code it has
 * never seen: its "chain run" is {@code Job#run}, its "links" are {@code Stage#apply}, its
 * "storages" are {@code Sink#write}. No OpenTelemetry code anywhere. Runs without a build:
 *
 * <pre>java examples/ticket-router/TicketRouter.java [jobs]</pre>
 */
public final class TicketRouter {

  /** A named sequence of stages, like a conserver chain. */
  record Pipeline(String pipelineName, List<Stage> stages, List<Sink> sinks) {}

  /** One step of a pipeline; returns the conversation id to continue with. */
  interface Stage {
    String apply(String conversationId, String stageName);
  }

  /** Where a finished conversation is written. */
  interface Sink {
    String label();

    void write(String conversationId);
  }

  /** One conversation going through a pipeline: what the agent makes one trace of. */
  static final class Job {
    final Pipeline pipeline;
    final String conversationId;
    final Map<String, Object> upstream; // conserver's context shape, or null

    Job(Pipeline pipeline, String conversationId, Map<String, Object> upstream) {
      this.pipeline = pipeline;
      this.conversationId = conversationId;
      this.upstream = upstream;
    }

    void run() {
      String id = conversationId;
      for (Stage stage : pipeline.stages()) {
        id = stage.apply(id, stage.getClass().getSimpleName().toLowerCase());
      }
      for (Sink sink : pipeline.sinks()) {
        sink.write(id);
      }
    }
  }

  static final class Classify implements Stage {
    @Override
    public String apply(String conversationId, String stageName) {
      sleep(20 + ThreadLocalRandom.current().nextInt(60));
      return conversationId;
    }
  }

  static final class Summarize implements Stage {
    @Override
    public String apply(String conversationId, String stageName) {
      sleep(100 + ThreadLocalRandom.current().nextInt(200));
      if (conversationId.startsWith("0")) {
        throw new IllegalStateException("summarizer refused conversation " + conversationId);
      }
      return conversationId;
    }
  }

  static final class Archive implements Sink {
    @Override
    public String label() {
      return "archive";
    }

    @Override
    public void write(String conversationId) {
      sleep(5);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Pipeline support =
        new Pipeline("support", List.of(new Classify(), new Summarize()), List.of(new Archive()));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    for (int i = 0; i < jobs; i++) {
      // Every other job arrives with an upstream trace context, as from an instrumented producer.
      Map<String, Object> upstream =
          i % 2 == 0
              ? Map.of("trace_id", hex(32), "span_id", hex(16), "trace_flags", 1)
              : null;
      Job job = new Job(support, UUID.randomUUID().toString(), upstream);
      pool.execute(
          () -> {
            try {
              job.run();
            } catch (RuntimeException e) {
              System.err.println("ticket-router: " + e.getMessage());
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    System.out.println("ticket-router: " + jobs + " conversations routed");
  }

  private static String hex(int digits) {
    StringBuilder s = new StringBuilder();
    while (s.length() < digits) {
      s.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L));
    }
    return s.substring(0, digits);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
