package dev.vcon.agent.core.identity;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;

/**
 * The host name as {@code hostname} prints it: the kernel's node name. {@code
 * InetAddress.getLocalHost()} can differ from it (it resolves the name, may return an FQDN or block
 * on DNS, and fixes the resolver SPI when called from premain), so it is only the last resort when
 * neither the kernel file nor {@code HOSTNAME} is available.
 */
final class HostNames {
  static final Path KERNEL_HOSTNAME = Paths.get("/proc/sys/kernel/hostname");

  private HostNames() {}

  static String kernelHostName() {
    return kernelHostName(KERNEL_HOSTNAME, System::getenv);
  }

  static String kernelHostName(Path kernelFile, Function<String, String> env) {
    String fromFile = readTrimmed(kernelFile);
    if (fromFile != null) {
      return fromFile;
    }
    String fromEnv = env.apply("HOSTNAME");
    if (fromEnv != null && !fromEnv.trim().isEmpty()) {
      return fromEnv.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }

  private static String readTrimmed(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? null : text;
    } catch (Exception e) {
      return null;
    }
  }
}
