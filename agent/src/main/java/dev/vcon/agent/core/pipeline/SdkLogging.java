package dev.vcon.agent.core.pipeline;

import dev.vcon.agent.core.logging.LogSink;
import dev.vcon.agent.core.logging.PatchLogger;

/**
 * Routes the bundled SDK's log records to the agent's rate-limited notice instead of the
 * application's log. In the agent jar the SDK's {@code java.util.logging.Logger} is relocated to
 * {@link PatchLogger}, so this touches nothing of the host's java.util.logging (no early {@code
 * LogManager}); unrelocated (unit tests) the SDK still logs to JUL as usual.
 */
final class SdkLogging {

  private SdkLogging() {}

  /** Replaces whatever sink was installed before. */
  static void install(LogSink sink) {
    PatchLogger.install(sink);
  }
}
