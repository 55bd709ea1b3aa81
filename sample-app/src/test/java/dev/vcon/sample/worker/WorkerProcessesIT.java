package dev.vcon.sample.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vcon.sample.link.UuidSelector;
import dev.vcon.sample.produce.Producer.Produced;
import dev.vcon.sample.queue.RedisVconQueue;
import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.support.JavaProcess;
import dev.vcon.sample.support.RedisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker JVMs from the fat jar: {@code run --workers 2} on one shared queue, fed by {@code
 * produce}, then SIGTERM. Proves every vCon is handled exactly once across processes and that
 * shutdown is graceful.
 */
class WorkerProcessesIT {

  private static final int COUNT = 60;
  private static final Pattern HALT_PATTERN = Pattern.compile("[0-3]$");
  private static final double FAIL_FRACTION = 0.1;

  @TempDir Path dir;

  @Test
  void twoWorkerProcessesOnASpoolHandleEveryVconExactlyOnce() throws Exception {
    Path spool = dir.resolve("spool");
    Map<String, String> env = Map.of("CONSERVER_SPOOL_DIR", spool.toString());
    runTwoWorkersAndCheck(env, () -> new SpoolVconQueue(spool), "spool");
  }

  @Test
  void twoWorkerProcessesOnRedisHandleEveryVconExactlyOnce() throws Exception {
    try (RedisServer redis =
        RedisServer.startOrSkip(Files.createDirectories(dir.resolve("redis")))) {
      Map<String, String> env = Map.of("REDIS_URL", redis.url());
      runTwoWorkersAndCheck(env, () -> new RedisVconQueue(URI.create(redis.url())), "redis");
    }
  }

  @Test
  void aWorkerThatDiesIsRestartedWithTheSameJvmArgumentsAndStopStillExitsZero() throws Exception {
    Map<String, String> env = Map.of("CONSERVER_SPOOL_DIR", dir.resolve("spool").toString());
    try (JavaProcess server =
        JavaProcess.start(
            dir, env, "run", "--workers", "2", "--config", writeConfig().toString())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.outLines("vcon-worker-started").size() == 2);
      List<ProcessHandle> workers = server.descendants();
      assertThat(workers).hasSize(2);

      workers.get(0).destroyForcibly();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.outLines("vcon-worker-started").size() == 3);
      assertThat(String.join("\n", server.err())).contains("unexpectedly; restarting slot");
      List<ProcessHandle> afterRestart = server.descendants();
      assertThat(afterRestart)
          .hasSize(2)
          .allSatisfy(
              worker ->
                  assertThat(worker.info().arguments().orElseThrow())
                      .contains(JavaProcess.INHERITED_FLAG, "-Xmx128m", "--worker-process"));
      server.terminate();
      assertThat(server.waitFor(60)).isZero();
      // The killed worker printed no summary; the survivor and its replacement did.
      assertThat(server.outLines("vcon-worker-summary")).as("stdout: %s", server.out()).hasSize(2);
    }
  }

  @Test
  void workersStopThemselvesWhenTheSupervisorIsKilled() throws Exception {
    Map<String, String> env = Map.of("CONSERVER_SPOOL_DIR", dir.resolve("spool").toString());
    try (JavaProcess server =
        JavaProcess.start(
            dir, env, "run", "--workers", "2", "--config", writeConfig().toString())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.outLines("vcon-worker-started").size() == 2);
      List<ProcessHandle> workers = server.descendants();

      server.process().toHandle().destroyForcibly();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.outLines("vcon-worker-summary").size() == 2);
    }
  }

  @Test
  void aBadConfigFileIsRejectedAtStartWithItsLineAndKey() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("bad.yml"),
            """
            links:
              tag: {class: dev.vcon.sample.link.TagLink}
            chains:
              main:
                links: [tag, missing]
                ingress_lists: [in]
            """);
    try (JavaProcess server =
        JavaProcess.start(dir, Map.of(), "run", "--workers", "2", "--config", config.toString())) {
      assertThat(server.waitFor(60)).isEqualTo(2);
      assertThat(String.join("\n", server.err()))
          .contains("bad.yml:5: chains.main.links[1]: unknown link 'missing'");
    }
  }

  @Test
  void helpListsTheOptionsOfEachCommand() throws Exception {
    try (JavaProcess run = JavaProcess.start(dir, Map.of(), "run", "--help");
        JavaProcess produce = JavaProcess.start(dir, Map.of(), "produce", "--help")) {
      assertThat(run.waitFor(60)).isZero();
      assertThat(produce.waitFor(60)).isZero();
      assertThat(String.join("\n", run.out())).contains("--workers", "--concurrency", "--config");
      assertThat(String.join("\n", produce.out())).contains("--count", "--with-context");
    }
  }

  private void runTwoWorkersAndCheck(Map<String, String> env, QueueOpener opener, String kind)
      throws Exception {
    Path ids = dir.resolve("ids.txt");
    try (JavaProcess server =
            JavaProcess.start(
                dir,
                env,
                "run",
                "--workers",
                "2",
                "--concurrency",
                "4",
                "--config",
                writeConfig().toString());
        VconQueue queue = opener.open()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.outLines("vcon-worker-started").size() == 2);

      try (JavaProcess producer =
          JavaProcess.start(
              dir,
              env,
              "produce",
              "--count",
              Integer.toString(COUNT),
              "--ingress",
              "it_in",
              "--with-context",
              "--ids-out",
              ids.toString())) {
        assertThat(producer.waitFor(60)).as("produce stderr: %s", producer.err()).isZero();
      }
      List<Produced> produced = Files.readAllLines(ids).stream().map(Produced::parse).toList();
      assertThat(produced).hasSize(COUNT).allSatisfy(p -> assertThat(p.traceId()).hasSize(32));

      Set<String> all = produced.stream().map(Produced::uuid).collect(Collectors.toSet());
      Set<String> failing =
          all.stream()
              .filter(u -> UuidSelector.bucket(u) < FAIL_FRACTION)
              .collect(Collectors.toSet());
      Set<String> halting =
          all.stream()
              .filter(u -> !failing.contains(u) && HALT_PATTERN.matcher(u).find())
              .collect(Collectors.toSet());
      Set<String> completing = new HashSet<>(all);
      completing.removeAll(failing);
      completing.removeAll(halting);

      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  server.outLines("vcon-stored").size() >= completing.size()
                      && queue.entries("DLQ:it_in").size() >= failing.size()
                      && queue.entries("it_in").isEmpty());
      List<ProcessHandle> workers = server.descendants();
      assertThat(workers).hasSize(2);

      server.terminate();
      assertThat(server.waitFor(90)).as("stderr: %s", server.err()).isZero();
      assertThat(workers).noneMatch(ProcessHandle::isAlive);

      List<SummaryLine> summaries =
          server.outLines("vcon-worker-summary").stream().map(SummaryLine::parse).toList();
      assertThat(summaries).as("stdout: %s\nstderr: %s", server.out(), server.err()).hasSize(2);
      assertThat(summaries.stream().map(SummaryLine::pid).distinct()).hasSize(2);
      assertThat(sum(summaries, "processed") + sum(summaries, "failed")).isEqualTo(COUNT);
      assertThat(sum(summaries, "failed")).isEqualTo(failing.size());
      assertThat(sum(summaries, "halted")).isEqualTo(halting.size());
      assertThat(sum(summaries, "stored")).isEqualTo(completing.size());
      assertThat(sum(summaries, "link_error")).isEqualTo(failing.size());
      assertThat(sum(summaries, "link_halt")).isEqualTo(halting.size());
      assertThat(server.outLines("vcon-worker-started"))
          .allMatch(line -> line.endsWith("concurrency=4 queue=" + kind));

      Map<String, Long> storedTimes =
          server.outLines("vcon-stored").stream()
              .map(line -> line.split(" ")[1].substring("uuid=".length()))
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(storedTimes.keySet()).isEqualTo(completing);
      assertThat(storedTimes.values()).containsOnly(1L);
      assertThat(queue.entries("DLQ:it_in")).containsExactlyInAnyOrderElementsOf(failing);
      assertThat(queue.entries("it_out")).containsExactlyInAnyOrderElementsOf(completing);
      assertThat(all).allSatisfy(u -> assertThat(queue.popContext("it_in", u)).isEmpty());
    }
  }

  private static long sum(List<SummaryLine> summaries, String name) {
    return summaries.stream().mapToLong(s -> s.get(name)).sum();
  }

  private Path writeConfig() throws Exception {
    return Files.writeString(
        dir.resolve("conserver.yml"),
        """
        links:
          tag: {class: dev.vcon.sample.link.TagLink}
          fail: {class: dev.vcon.sample.link.FailLink, options: {fraction: %s}}
          halt: {class: dev.vcon.sample.link.HaltLink, options: {uuid_pattern: "%s"}}
          delay: {class: dev.vcon.sample.link.DelayLink, options: {ms: 10}}
        storages:
          log: {class: dev.vcon.sample.storage.LogStorage}
        chains:
          it_chain:
            links: [tag, fail, halt, delay]
            ingress_lists: [it_in]
            storages: [log]
            egress_lists: [it_out]
            parallel_storages: true
        """
            .formatted(FAIL_FRACTION, HALT_PATTERN.pattern()));
  }

  @FunctionalInterface
  private interface QueueOpener {
    VconQueue open();
  }
}
