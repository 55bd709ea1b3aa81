package dev.vcon.it.jvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the artifacts the integration tests run. Under Maven, paths come from system properties
 * set by the it-tests pom: the agent and the sample app are dependencies of this module, and the
 * pom passes the files Maven resolved for them (the reactor's freshly packaged jars with {@code
 * -am}, else the installed ones), so a run never tests a stale file by accident. The defaults,
 * relative to the it-tests directory, serve IDE runs only. A missing file fails with its path and
 * the Maven command that builds it.
 */
public final class ItJars {
  public static final String AGENT_JAR = "vcon.it.agentJar";
  public static final String SAMPLE_JAR = "vcon.it.sampleJar";
  public static final String SAMPLE_AGENT_CONFIG = "vcon.it.sampleAgentConfig";
  public static final String OTEL_AGENT_JAR = "vcon.it.otelAgentJar";
  public static final String JAVA25 = "vcon.it.java25";
  public static final String TEST_CLASSES = "vcon.it.testClasses";

  private ItJars() {}

  /** Our agent, {@code agent/target/vcon-otel-agent.jar}. */
  public static Path vconAgent() {
    return require(
        AGENT_JAR,
        "../agent/target/vcon-otel-agent.jar",
        "vcon-otel agent jar",
        "mvn -B -pl agent -am package -DskipTests");
  }

  /** The sample host app, {@code sample-app/target/sample-app.jar}. */
  public static Path sampleApp() {
    return require(
        SAMPLE_JAR,
        "../sample-app/target/sample-app.jar",
        "sample app jar",
        "mvn -B -pl sample-app -am package -DskipTests");
  }

  /**
   * What the agent instruments in the sample app, {@code sample-app/vcon-agent.properties}: the
   * agent has no built-in methods, so every run of the sample app under it passes this file.
   */
  public static Path sampleAppAgentConfig() {
    return require(
        SAMPLE_AGENT_CONFIG,
        "../sample-app/vcon-agent.properties",
        "sample app's agent configuration",
        "git checkout -- sample-app/vcon-agent.properties");
  }

  /** The official OpenTelemetry Java agent, copied from Maven Central by the it-tests build. */
  public static Path officialAgent() {
    return require(
        OTEL_AGENT_JAR,
        "target/otel-javaagent/opentelemetry-javaagent.jar",
        "official OpenTelemetry Java agent",
        "mvn -B -f it-tests/pom.xml generate-test-resources");
  }

  /** The Java 25 {@code java} binary. */
  public static Path java25() {
    return require(
        JAVA25,
        "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
        "Java 25 binary",
        "install a JDK 25 and pass -Djava25.home=<its home> to mvn");
  }

  /** This module's compiled test classes (fixture main classes for child JVMs). */
  public static Path testClasses() {
    return require(
        TEST_CLASSES,
        "target/test-classes",
        "it-tests test classes",
        "mvn -B -f it-tests/pom.xml test-compile");
  }

  /**
   * The file named by {@code property} (or {@code fallback}), absolute.
   *
   * @throws IllegalStateException naming the missing file, the property and {@code buildHint}
   */
  static Path require(String property, String fallback, String what, String buildHint) {
    Path path = Paths.get(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          what
              + " not found: "
              + path
              + " (system property "
              + property
              + "). Build it first, from the repository root: "
              + buildHint);
    }
    return path;
  }
}
