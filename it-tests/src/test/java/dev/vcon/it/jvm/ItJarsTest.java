package dev.vcon.it.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItJarsTest {
  @TempDir Path tmp;

  @Test
  void missingFileFailsNamingThePathThePropertyAndTheBuildCommand() {
    Path missing = tmp.resolve("nope.jar");
    System.setProperty("vcon.it.test.missing", missing.toString());
    try {
      assertThatThrownBy(
              () ->
                  ItJars.require(
                      "vcon.it.test.missing",
                      "x",
                      "widget jar",
                      "mvn -B -f widget/pom.xml package"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("widget jar not found: " + missing)
          .hasMessageContaining("vcon.it.test.missing")
          .hasMessageContaining("mvn -B -f widget/pom.xml package");
    } finally {
      System.clearProperty("vcon.it.test.missing");
    }
  }

  @Test
  void existingFileResolvesToAnAbsoluteNormalizedPath() throws Exception {
    Path jar = Files.createFile(tmp.resolve("present.jar"));
    System.setProperty("vcon.it.test.present", tmp.resolve("sub/../present.jar").toString());
    try {
      assertThat(ItJars.require("vcon.it.test.present", "x", "w", "h"))
          .isEqualTo(jar.toAbsolutePath());
    } finally {
      System.clearProperty("vcon.it.test.present");
    }
  }

  @Test
  void unsetPropertyFallsBackToThePathRelativeToTheModule() {
    // Under surefire the property is unset and the working directory is it-tests/.
    assertThatThrownBy(
            () -> ItJars.require("vcon.it.test.unset", "no/such/file.jar", "thing", "hint"))
        .hasMessageContaining(Path.of("no/such/file.jar").toAbsolutePath().toString());
  }
}
