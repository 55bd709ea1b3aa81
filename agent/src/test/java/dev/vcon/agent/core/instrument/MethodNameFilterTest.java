package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MethodNameFilterTest {

  @Test
  void aClassDeclaringTheMethodPasses() throws IOException {
    assertThat(
            new MethodNameFilter(Arrays.asList("run"))
                .mayDeclare(classFile(example.fixtures.EchoStep.class)))
        .isTrue();
  }

  @Test
  void aClassWithoutTheNameAnywhereInItsConstantPoolIsPassedOver() throws IOException {
    assertThat(
            new MethodNameFilter(Arrays.asList("save", "process"))
                .mayDeclare(classFile(example.fixtures.EchoStep.class)))
        .isFalse();
  }

  @Test
  void aLongerNameContainingTheMethodNameDoesNotPass() throws IOException {
    // Chain declares "process" but no method "proc": the length byte is part of the pattern
    assertThat(
            new MethodNameFilter(Arrays.asList("proc"))
                .mayDeclare(classFile(example.fixtures.Chain.class)))
        .isFalse();
    assertThat(
            new MethodNameFilter(Arrays.asList("process"))
                .mayDeclare(classFile(example.fixtures.Chain.class)))
        .isTrue();
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    }
  }
}
