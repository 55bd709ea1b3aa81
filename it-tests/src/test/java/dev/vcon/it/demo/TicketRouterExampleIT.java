package dev.vcon.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.SpanRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's worked example of a host that is not the sample app, run as written there: the
 * single-file {@code examples/ticket-router/TicketRouter.java} with its own properties file.
 */
class TicketRouterExampleIT {
  private static final int JOBS = 20;
  private final Path root = Path.of(System.getProperty("vcon.it.repoRoot")).toAbsolutePath();

  @Test
  void theExampleHostGetsOneTracePerConversationWithItsStagesAndSinks() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess host =
            JvmLauncher.forTest("TicketRouterExampleIT", "ticket-router")
                .workingDir(root)
                .javaagent(ItJars.vconAgent(), "examples/ticket-router/vcon-agent.properties")
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpointGrpc())
                .mainClass("examples/ticket-router/TicketRouter.java")
                .args(Integer.toString(JOBS))
                .start()) {
      assertThat(host.awaitExit(Duration.ofMinutes(3))).as(host.outputTails()).isZero();

      receiver
          .store()
          .await(
              Duration.ofSeconds(30),
              "a root span per conversation",
              () -> receiver.store().spans(SpanRecord::isRoot).size() == JOBS);
      List<SpanRecord> roots = receiver.store().spans(SpanRecord::isRoot);
      assertThat(roots).allSatisfy(r -> assertThat(r.name()).isEqualTo("vcon_processing.support"));
      assertThat(roots)
          .allSatisfy(r -> assertThat(r.resource()).containsEntry("service.name", "ticket-router"));
      // Every other job carries an upstream context.
      assertThat(roots.stream().filter(r -> !r.links().isEmpty()).count()).isEqualTo(JOBS / 2);
      assertThat(
              receiver.store().spans(s -> !s.isRoot()).stream()
                  .map(SpanRecord::name)
                  .collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("link.classify", "link.summarize", "storage.archive");
      assertThat(host.stderr().lines()).noneMatch(l -> l.startsWith("vcon-otel-agent: "));
    }
  }
}
