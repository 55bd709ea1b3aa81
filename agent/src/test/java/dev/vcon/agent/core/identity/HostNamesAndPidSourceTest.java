package dev.vcon.agent.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNamesAndPidSourceTest {
  @TempDir Path dir;

  @Test
  void kernelHostNameFileWinsOverHostnameEnvironment() throws Exception {
    Path kernel = dir.resolve("hostname");
    Files.write(kernel, "node-a\n".getBytes(StandardCharsets.UTF_8));
    Map<String, String> env = Collections.singletonMap("HOSTNAME", "from-env");
    assertThat(HostNames.kernelHostName(kernel, env::get)).isEqualTo("node-a");
  }

  @Test
  void hostnameEnvironmentIsUsedWhenTheKernelFileIsMissing() {
    Map<String, String> env = Collections.singletonMap("HOSTNAME", "from-env");
    assertThat(HostNames.kernelHostName(dir.resolve("absent"), env::get)).isEqualTo("from-env");
  }

  @Test
  void resolverIsTheLastResort() {
    assertThat(HostNames.kernelHostName(dir.resolve("absent"), name -> null)).isNotBlank();
  }

  @Test
  void kernelHostNameMatchesTheProcFileOnLinux() throws Exception {
    if (Files.isReadable(HostNames.KERNEL_HOSTNAME)) {
      String expected =
          new String(Files.readAllBytes(HostNames.KERNEL_HOSTNAME), StandardCharsets.UTF_8).trim();
      assertThat(HostNames.kernelHostName()).isEqualTo(expected);
    }
  }

  @Test
  void systemPidSourceReadsProcSelfAndFallsBackToProcessHandle() throws Exception {
    long real = ProcessHandle.current().pid();
    assertThat(PidSource.system().pid()).isEqualTo(real);
    Path fakeProcSelf = dir.resolve("self");
    Files.createSymbolicLink(fakeProcSelf, dir.resolve("31337"));
    assertThat(new SystemPidSource(fakeProcSelf).pid()).isEqualTo(31337);
    assertThat(new SystemPidSource(dir.resolve("missing")).pid()).isEqualTo(real);
  }
}
