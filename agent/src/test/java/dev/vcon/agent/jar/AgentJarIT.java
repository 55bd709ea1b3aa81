package dev.vcon.agent.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the packaged agent jar: its layout, its isolation from the host, its off switch. */
class AgentJarIT {

  private static final Path JAR = Paths.get("target", "vcon-otel-agent.jar");
  private static final String JAVA_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

  @Test
  void onlyTheBootstrapAndBridgeAreLoadableClassesEverythingElseIsRelocatedClassdata()
      throws IOException {
    List<String> misplaced = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (entry.isDirectory()
            || name.equals("META-INF/MANIFEST.MF")
            || name.startsWith("META-INF/LICENSE")
            || name.startsWith("META-INF/NOTICE")) {
          continue;
        }
        boolean rootClass =
            name.startsWith("dev/vcon/agent/bootstrap/")
                || name.startsWith("dev/vcon/agent/bridge/");
        boolean relocated = name.startsWith("inst/dev/vcon/agent/") && name.endsWith(".classdata");
        boolean resource =
            name.startsWith("inst/") && !name.endsWith(".class") && !name.endsWith(".classdata");
        if (!(rootClass && name.endsWith(".class")) && !relocated && !resource) {
          misplaced.add(name);
        }
        if (resource && name.startsWith("inst/META-INF/versions/")) {
          misplaced.add(name);
        }
      }
    }
    assertThat(misplaced).as("entries outside the agent's layout").isEmpty();
  }

  /**
   * maven-shade rewrites string constants that start with a relocated package, so a foreign name
   * the agent looks for (the official agent's classes, another Byte Buddy) would silently name our
   * own relocated copy; {@code ForeignPackages} builds them at run time. None may be left in our
   * code.
   */
  @Test
  void ourOwnCodeNamesNoRelocatedCopyOfAForeignPackage() throws IOException {
    List<String> rewritten = new ArrayList<>();
    String[] accidents = {
      "shaded/io/opentelemetry/javaagent", "shaded.io.opentelemetry.javaagent",
    };
    // A bare package prefix as a constant (CONSTANT_Utf8: tag 1, two length bytes, the text).
    String[] barePrefixes = {
      "dev/vcon/agent/shaded/net/bytebuddy/",
      "dev.vcon.agent.shaded.net.bytebuddy.",
      "dev/vcon/agent/shaded/io/opentelemetry/",
      "dev.vcon.agent.shaded.io.opentelemetry.",
    };
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (!name.startsWith("inst/dev/vcon/agent/")
            || name.startsWith("inst/dev/vcon/agent/shaded/")
            || !name.endsWith(".classdata")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String accident : accidents) {
          if (text.contains(accident)) {
            rewritten.add(name + ": " + accident);
          }
        }
        for (String prefix : barePrefixes) {
          String constant = "\u0001\u0000" + (char) prefix.length() + prefix;
          if (text.contains(constant)) {
            rewritten.add(name + ": " + prefix);
          }
        }
      }
    }
    assertThat(rewritten).as("string constants rewritten by relocation").isEmpty();
  }

  @Test
  void serviceFilesAreRelocatedAndNameClassesThatExist() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> services = new ArrayList<>();
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (entry.getName().startsWith("inst/META-INF/services/") && !entry.isDirectory()) {
          services.add(entry.getName());
        }
      }
      assertThat(services)
          .isNotEmpty()
          .allSatisfy(
              service -> assertThat(service).startsWith("inst/META-INF/services/dev.vcon.agent."));
      for (String service : services) {
        for (String provider : lines(jar, service)) {
          assertThat(jar.getJarEntry("inst/" + provider.replace('.', '/') + ".classdata"))
              .as("%s names %s", service, provider)
              .isNotNull();
        }
      }
      assertThat(String.join("\n", services))
          .contains("HttpSenderProvider")
          .contains("GrpcSenderProvider");
    }
  }

  @Test
  void theManifestNamesThePremainAndAllowsRetransformation() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      Manifest manifest = jar.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Premain-Class"))
          .isEqualTo("dev.vcon.agent.bootstrap.AgentMain");
      assertThat(manifest.getMainAttributes().getValue("Can-Retransform-Classes"))
          .isEqualTo("true");
      assertThat(manifest.getMainAttributes().getValue("Implementation-Version")).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java", JAVA_25})
  void theHostSeesOnlyTheBridgeAndTheAgentStartsWithOneLine(String java) throws Exception {
    Run run =
        run(
            java,
            "-javaagent:" + JAR.toAbsolutePath(),
            "-Dvcon.agent.start.delay=0",
            "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:9",
            "-Dotel.metric.export.interval=200");

    assertThat(run.exit).isZero();
    assertThat(run.stdout)
        .contains(
            "visible io.opentelemetry.api.GlobalOpenTelemetry no",
            "visible dev.vcon.agent.shaded.io.opentelemetry.api.GlobalOpenTelemetry no",
            "visible net.bytebuddy.ByteBuddy no",
            "visible dev.vcon.agent.shaded.net.bytebuddy.ByteBuddy no",
            "visible okhttp3.OkHttpClient no",
            "visible kotlin.Unit no",
            "visible dev.vcon.agent.bridge.Dispatchers boot",
            "host ok");
    String pid = run.value("pid ");
    assertThat(run.stderr)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("vcon-otel-agent ")
                    .contains(" started: service.instance.id=")
                    .contains("-pid-" + pid + " ")
                    .contains("endpoint=http://127.0.0.1:9")
                    .contains("protocol=grpc")
                    .endsWith(
                        " instrumenting: nothing configured (set vcon.agent.chain.methods,"
                            + " see README)"));
    assertThat(run.stderr).noneMatch(line -> line.contains("matched nothing"));
    // Besides the start line, only the rate-limited notice that the (absent) collector at port 9
    // refuses the self-telemetry export; never a stack trace.
    assertThat(run.stderr)
        .filteredOn(line -> !line.contains(" started: service.instance.id="))
        .allMatch(line -> line.startsWith("vcon-otel-agent: export to http://127.0.0.1:9 failing"));
    assertThat(run.stderr).noneMatch(line -> line.contains("\tat "));
    assertThat(run.stderr).noneMatch(line -> line.contains("Sharing is only supported"));
  }

  @Test
  void theOffSwitchLeavesNoThreadsAndNoLines() throws Exception {
    Run run = run("java", "-javaagent:" + JAR.toAbsolutePath(), "-Dvcon.agent.enabled=false");

    assertThat(run.exit).isZero();
    assertThat(run.stdout).noneMatch(line -> line.startsWith("thread vcon-otel-agent"));
    assertThat(run.stdout).contains("visible dev.vcon.agent.bridge.Dispatchers app");
    assertThat(run.stderr).isEmpty();
  }

  @Test
  void aBadSettingIsOneLineNamingItAndTheHostRunsOn() throws Exception {
    Run run =
        run(
            "java",
            "-javaagent:" + JAR.toAbsolutePath(),
            "-Dotel.exporter.otlp.protocol=http/json");

    assertThat(run.exit).isZero();
    assertThat(run.stdout).contains("host ok");
    assertThat(run.stderr).hasSize(1);
    assertThat(run.stderr.get(0))
        .contains("otel.exporter.otlp.protocol")
        .contains("http/json")
        .contains("grpc or http/protobuf");
  }

  @Test
  void aBadInstanceIdFormatIsOneLineAndTheAgentStartsWithTheDefault() throws Exception {
    Run run =
        run(
            "java",
            "-javaagent:" + JAR.toAbsolutePath(),
            "-Dvcon.agent.start.delay=0",
            "-Dvcon.agent.instance-id.format=random",
            "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:9");

    assertThat(run.exit).isZero();
    assertThat(run.stderr)
        .filteredOn(line -> line.contains("random"))
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.instance-id.format='random': expected"
                + " host-pid or uuid; using host-pid");
    assertThat(run.stderr).noneMatch(line -> line.contains("telemetry is disabled"));
    assertThat(run.stderr)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" started: service.instance.id=")
                    .contains("-pid-" + run.value("pid ") + " "));
  }

  private static Run run(String java, String... jvmArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java);
    Collections.addAll(command, jvmArgs);
    command.add("-cp");
    command.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
    command.add(HostProbe.class.getName());
    Path out = Files.createTempFile("probe", ".out");
    Path err = Files.createTempFile("probe", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("OTEL_") || key.startsWith("VCON_AGENT_"));
    Process process = builder.start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("host did not exit: " + command);
      }
      return new Run(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> lines(JarFile jar, String entry) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = jar.getInputStream(jar.getJarEntry(entry));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.trim();
        if (!line.isEmpty() && !line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static final class Run {
    final int exit;
    final List<String> stdout;
    final List<String> stderr;

    Run(int exit, List<String> stdout, List<String> stderr) {
      this.exit = exit;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String value(String prefix) {
      for (String line : stdout) {
        if (line.startsWith(prefix)) {
          return line.substring(prefix.length());
        }
      }
      throw new AssertionError("no line " + prefix + " in " + stdout);
    }
  }
}
