package dev.vcon.agent.core.logging;

import java.util.logging.Level;

/** Where {@link PatchLogger} hands the bundled libraries' records (WARNING and above). */
@FunctionalInterface
public interface LogSink {
  /**
   * @param message already formatted (parameters substituted), never null
   * @param thrown may be null
   */
  void log(String loggerName, Level level, String message, Throwable thrown);
}
