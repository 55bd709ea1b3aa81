package dev.vcon.agent.core.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the current process id comes from. Injectable so the pid gate can be tested without forking
 * or restoring a checkpoint.
 */
@FunctionalInterface
public interface PidSource {

  /** The id of the process this code runs in, as of now. */
  long pid();

  /**
   * On Linux the target of {@code /proc/self}, which the kernel resolves on every read and so
   * reflects the real pid after a CRaC restore; {@code ProcessHandle.current().pid()} is cached at
   * JVM start and would keep reporting the checkpointed process. Elsewhere, or if {@code /proc} is
   * unusable, {@code ProcessHandle.current().pid()}.
   */
  static PidSource system() {
    return SystemPidSource.INSTANCE;
  }
}

/** The default {@link PidSource}; see {@link PidSource#system()}. */
final class SystemPidSource implements PidSource {
  static final SystemPidSource INSTANCE = new SystemPidSource(Paths.get("/proc/self"));

  private final Path procSelf;

  SystemPidSource(Path procSelf) {
    this.procSelf = procSelf;
  }

  @Override
  public long pid() {
    try {
      return Long.parseLong(Files.readSymbolicLink(procSelf).getFileName().toString());
    } catch (Exception | LinkageError e) {
      return ProcessHandle.current().pid();
    }
  }
}
