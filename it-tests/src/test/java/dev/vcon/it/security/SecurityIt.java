package dev.vcon.it.security;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import dev.vcon.it.security.host.ProbeChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the security ITs share: a configuration naming {@link ProbeChain} and the launchers. */
final class SecurityIt {
  static final Duration EXIT = Duration.ofSeconds(120);
  static final Duration DELIVERY = Duration.ofSeconds(60);

  /** Printed by HotSpot when a jar is appended to the boot class path (CDS then stops sharing). */
  static final String CDS_LINE = "Sharing is only supported for boot loader classes";

  private SecurityIt() {}

  /** A properties file with {@link ProbeChain#process} as the only instrumented method. */
  static Path writeConfig(Path dir) {
    String text =
        "vcon.agent.chain.methods="
            + ProbeChain.class.getName()
            + "#process\n"
            + "vcon.agent.chain.name='probe'\n"
            + "vcon.agent.chain.vcon-id=arg0\n"
            + "vcon.agent.chain.context=\n"
            + "vcon.agent.link.methods=\n"
            + "vcon.agent.storage.methods=\n";
    Path file = dir.resolve("vcon-agent.properties");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A host from this module's test classes, without any agent. */
  static JvmLauncher host(String test, String name, Class<?> main) {
    return JvmLauncher.forTest(test, name)
        .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
        .classpath(ItJars.testClasses())
        .mainClass(main.getName());
  }

  /** The same host with our agent (configured by {@code config}), exporting to {@code endpoint}. */
  static JvmLauncher agentHost(
      String test, String name, Class<?> main, Path config, String endpoint, String protocol) {
    return host(test, name, main)
        .javaagent(ItJars.vconAgent(), config.toString())
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .env("OTEL_SERVICE_NAME", "vcon-it-security-" + name);
  }
}
