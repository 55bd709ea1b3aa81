package dev.vcon.it.lambda;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link LambdaLinksIT} with the official OpenTelemetry Java agent attached first (and after ours,
 * in {@link LambdaLinksBesideOfficialAgentOursFirstIT}): it patches the same JDK lambda factory
 * call site, and both patches must hold (its exports are switched off so the receiver sees ours
 * alone).
 */
class LambdaLinksBesideOfficialAgentIT extends LambdaLinksIT {

  @Override
  JvmLauncher withAgents(JvmLauncher launcher, Path config) {
    Path official = config.resolveSibling("official-agent.properties");
    try {
      Files.writeString(
          official,
          "otel.traces.exporter=none\notel.metrics.exporter=none\notel.logs.exporter=none\n"
              + "otel.javaagent.logging=none\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return officialFirst()
        ? super.withAgents(official(launcher, official), config)
        : official(super.withAgents(launcher, config), official);
  }

  /** Whether the official agent's {@code -javaagent} comes before ours. */
  boolean officialFirst() {
    return true;
  }

  private static JvmLauncher official(JvmLauncher launcher, Path config) {
    return launcher
        .javaagent(ItJars.officialAgent())
        .systemProperty("otel.javaagent.configuration-file", config.toString());
  }

  @Override
  boolean tolerated(String line) {
    // the JVM's CDS notice, caused by the official agent appending to the boot class path
    return line.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot");
  }
}
