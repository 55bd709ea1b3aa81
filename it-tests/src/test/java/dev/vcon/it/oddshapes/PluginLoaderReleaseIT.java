package dev.vcon.it.oddshapes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.oddshapes.host.PluginReleaseMain;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanRecord;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin class loader made at run time, whose link and storage classes the agent wove and ran
 * inside chain runs (one throwing an exception class of the plugin), is collected once the host
 * closes and drops it, and the agent keeps no descriptor of its deleted jar open ({@link
 * PluginReleaseMain}, which checks both itself: bounded {@code System.gc()} attempts, no timing).
 * The same host without the agent is the control.
 */
class PluginLoaderReleaseIT {
  static final String HOST = "dev.vcon.it.oddshapes.host.";
  static final int RUNS = 20;
  static final Duration EXIT = Duration.ofSeconds(120);

  @Test
  void aClosedDroppedPluginLoaderIsCollectedAndItsDeletedJarReleased(@TempDir Path dir)
      throws Exception {
    Path hostClasses = OddShapesFiles.hostClassPath(dir.resolve("host"));
    Path config = dir.resolve("release.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "vcon.agent.chain.methods=" + HOST + "Chains#runPlugin",
            "vcon.agent.chain.name=arg0.chain",
            "vcon.agent.chain.vcon-id=arg0.vconId",
            "vcon.agent.link.methods=" + HOST + "Step#apply",
            "vcon.agent.link.name=arg1",
            "vcon.agent.link.vcon-id=arg0",
            "vcon.agent.storage.methods=" + HOST + "Shelf#put",
            // read from the plugin's own class: an accessor the agent resolves on it
            "vcon.agent.storage.name=this.label",
            "vcon.agent.storage.vcon-id=arg0",
            ""),
        StandardCharsets.UTF_8);
    int downPort;
    try (ServerSocket closedAtOnce = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      downPort = closedAtOnce.getLocalPort();
    }
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess plain =
            host("plain", hostClasses, OddShapesFiles.pluginJar(dir.resolve("plain.jar"))).start();
        JvmProcess agent =
            withAgent(
                    host("agent", hostClasses, OddShapesFiles.pluginJar(dir.resolve("agent.jar"))),
                    config,
                    receiver.endpoint(Protocol.HTTP_PROTOBUF))
                .start();
        // Spans wait longest in the exporter when the collector is down: nothing they keep may
        // hold the plugin (an exception event holding the thrown exception did).
        JvmProcess down =
            withAgent(
                    host(
                        "collector-down",
                        hostClasses,
                        OddShapesFiles.pluginJar(dir.resolve("d.jar"))),
                    config,
                    "http://127.0.0.1:" + downPort)
                .start()) {
      assertThat(plain.awaitExit(EXIT)).as("plain\n%s", plain.outputTails()).isZero();
      assertThat(agent.awaitExit(EXIT)).as("agent\n%s", agent.outputTails()).isZero();
      assertThat(down.awaitExit(EXIT)).as("collector down\n%s", down.outputTails()).isZero();
      assertThat(stable(plain))
          .as("the control: without the agent")
          .containsExactly(
              "plugin runs ok " + (RUNS - 1) + " failed 1",
              "loader collected true",
              "deleted jar still open by 0 descriptors");
      assertThat(stable(agent)).as("with the agent").isEqualTo(stable(plain));
      assertThat(stable(down)).as("with the agent, collector down").isEqualTo(stable(plain));
      System.out.println(
          getClass().getSimpleName()
              + " figures: plain "
              + figures(plain)
              + ", agent "
              + figures(agent)
              + ", agent with the collector down "
              + figures(down));

      OtlpStore store = receiver.store();
      store.await(
          Duration.ofSeconds(30),
          "a root per run",
          () -> store.spansByNamePrefix("vcon_processing.").size() == RUNS);
      List<SpanRecord> links = store.spansByNamePrefix("link.plugin");
      assertThat(links).hasSize(RUNS);
      assertThat(links.stream().filter(s -> "ERROR".equals(s.statusCode()))).hasSize(1);
      assertThat(store.spansByNamePrefix("storage."))
          .hasSize(RUNS - 1)
          .allMatch(s -> s.name().equals("storage.plugin-label"));
    }
  }

  private static JvmLauncher withAgent(JvmLauncher host, Path config, String endpoint) {
    return host.javaagent(ItJars.vconAgent(), config.toString())
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", Protocol.HTTP_PROTOBUF.otelName())
        .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .env("OTEL_SERVICE_NAME", "vcon-it-plugin-release");
  }

  /** The JVM the host runs on; Java 17 here, Java 25 in {@link PluginLoaderReleaseJava25IT}. */
  JvmLauncher onJava(JvmLauncher launcher) {
    return launcher;
  }

  private JvmLauncher host(String name, Path classes, Path pluginJar) {
    return onJava(JvmLauncher.forTest(getClass().getSimpleName(), name))
        .jvmArgs("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .classpath(classes)
        .mainClass(PluginReleaseMain.class.getName())
        .args(pluginJar.toString(), String.valueOf(RUNS));
  }

  private static List<String> stable(JvmProcess jvm) {
    return jvm.stdout().lines().stream()
        .filter(l -> !l.isBlank() && !l.startsWith("figure "))
        .collect(Collectors.toList());
  }

  private static String figures(JvmProcess jvm) {
    return jvm.stdout().lines().stream()
        .filter(l -> l.startsWith("figure "))
        .collect(Collectors.joining(", "));
  }
}
