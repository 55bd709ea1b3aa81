package dev.vcon.sample.cli;

import dev.vcon.sample.produce.Producer;
import dev.vcon.sample.queue.QueueFactory;
import dev.vcon.sample.queue.QueueUnavailableException;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.VconFactory;
import dev.vcon.sample.worker.Backoff;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code produce}: enqueues generated vCons and reports their uuids (and trace ids). */
public final class ProduceCommand {

  public static final List<OptionSpec> OPTIONS =
      List.of(
          new OptionSpec("count", "N", null, "how many vCons to enqueue (default 1)"),
          new OptionSpec(
              "ingress", "LIST", null, "ingress list to push to (default default_ingress)"),
          new OptionSpec(
              "with-context",
              null,
              null,
              "also store an upstream trace context for each, as an instrumented producer would"),
          new OptionSpec(
              "source",
              "NAME",
              null,
              "where these vCons come from: new (default), external, reingress, dlq_reprocess"),
          new OptionSpec(
              "context-ttl", "SECONDS", null, "expiry of stored contexts (default 3600)"),
          new OptionSpec(
              "ids-out",
              "FILE",
              null,
              "write the id lines to FILE instead of stdout: '<uuid>' or '<uuid> <trace_id>"
                  + " <span_id>'"),
          new OptionSpec(
              "spool",
              "DIR",
              "CONSERVER_SPOOL_DIR",
              "spool folder used when REDIS_URL is not set (default ./"
                  + QueueFactory.DEFAULT_SPOOL
                  + ")"),
          new OptionSpec("help", null, null, "print this help"));

  private static final int CONNECT_ATTEMPTS = 5;

  private ProduceCommand() {}

  public static String usage() {
    return ParsedOptions.usage("java -jar sample-app.jar produce [options]", OPTIONS)
        + "\nQueue: Redis when REDIS_URL is set (redis://host:port), else the spool folder.\n";
  }

  public static int execute(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ParsedOptions options = ParsedOptions.parse(args, OPTIONS, env);
    if (options.flag("help")) {
      out.print(usage());
      return 0;
    }
    int count = options.intValue("count", 1, 0);
    String ingress = options.value("ingress").orElse("default_ingress");
    Duration ttl = Duration.ofSeconds(options.intValue("context-ttl", 3600, 1));
    boolean withContext = options.flag("with-context");

    try (VconQueue queue = QueueFactory.open(env, options.value("spool").orElse(null))) {
      if (!awaitReachable(queue, err)) {
        err.println("produce: giving up, the " + queue.kind() + " queue is unreachable");
        return 1;
      }
      Producer producer =
          new Producer(
              queue,
              new VconFactory(new SecureRandom()),
              options.value("source").orElse(Producer.DEFAULT_SOURCE));
      List<String> lines = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        lines.add(producer.produceOne(ingress, withContext, ttl).line());
      }
      if (options.value("ids-out").isPresent()) {
        Files.write(Path.of(options.value("ids-out").get()), lines, StandardCharsets.UTF_8);
      } else {
        lines.forEach(out::println);
      }
      err.println(
          "produce: enqueued "
              + count
              + " vCons on "
              + ingress
              + " ("
              + queue.kind()
              + (withContext ? ", with upstream contexts)" : ")"));
      return 0;
    }
  }

  private static boolean awaitReachable(VconQueue queue, PrintStream err)
      throws InterruptedException {
    Backoff backoff = new Backoff(250, 2_000);
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        queue.ping();
        return true;
      } catch (QueueUnavailableException e) {
        if (backoff.attempts() + 1 >= CONNECT_ATTEMPTS) {
          err.println(
              "vcon-retry attempt="
                  + CONNECT_ATTEMPTS
                  + " what="
                  + queue.kind()
                  + "-connect reason="
                  + e.getMessage());
          return false;
        }
        backoff.failedThenWait(queue.kind() + "-connect", e, err, never);
      }
    }
  }
}
