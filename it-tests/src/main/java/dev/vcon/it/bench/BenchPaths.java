package dev.vcon.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the jars and the host's agent configuration are, relative to the repository root (the
 * working directory), each overridable by a system property.
 */
final class BenchPaths {
  private final Path vconAgent = existing("bench.vconAgent", "agent/target/vcon-otel-agent.jar");
  private final Path officialAgent =
      existing("bench.officialAgent", "it-tests/target/otel-javaagent/opentelemetry-javaagent.jar");
  private final Path agentProperties =
      existing("bench.agentProperties", "it-tests/bench/bench-agent.properties");

  Path vconAgent() {
    return vconAgent;
  }

  Path officialAgent() {
    return officialAgent;
  }

  Path agentProperties() {
    return agentProperties;
  }

  private static Path existing(String property, String fallback) {
    Path path = Paths.get(System.getProperty(property, fallback)).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path
              + " is missing: run from the repository root after building (see it-tests/README.md)"
              + ", or set -D"
              + property
              + "=...");
    }
    return path;
  }
}
