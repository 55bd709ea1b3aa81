package dev.vcon.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unrelocated here; {@code AgentJarIT} checks the packaged jar keeps them unrelocated too. */
class ForeignPackagesTest {

  @Test
  void namesTheForeignPackagesInBothForms() {
    assertThat(ForeignPackages.OPENTELEMETRY).isEqualTo("io.opentelemetry.");
    assertThat(ForeignPackages.OFFICIAL_AGENT).isEqualTo("io.opentelemetry.javaagent.");
    assertThat(ForeignPackages.internal(ForeignPackages.BYTE_BUDDY)).isEqualTo("net/bytebuddy/");
  }
}
