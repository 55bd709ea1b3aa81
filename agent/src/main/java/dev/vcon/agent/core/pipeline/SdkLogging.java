package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the SDK's java.util.logging records to the agent's own rate-limited notice instead of the
 * application's log. The logger name is derived from a class because the build relocates the SDK
 * ({@code dev.vcon.agent.shaded.io.opentelemetry...}); the {@link Logger} is held strongly because
 * JUL keeps loggers only weakly and a collected logger forgets its level and handlers.
 */
final class SdkLogging {
  private static final String MARKER = "opentelemetry";
  private static final Object LOCK = new Object();
  private static Logger sdkRoot;
  private static Handler installed;

  private SdkLogging() {}

  /** The root logger name of the (possibly relocated) OpenTelemetry packages. */
  static String rootLoggerName() {
    String pkg = OpenTelemetrySdk.class.getPackage().getName();
    int at = pkg.indexOf(MARKER);
    return at < 0 ? pkg : pkg.substring(0, at + MARKER.length());
  }

  /** Replaces whatever this class installed before; idempotent per handler. */
  static void install(Handler handler) {
    synchronized (LOCK) {
      Logger logger = Logger.getLogger(rootLoggerName());
      if (installed != null) {
        logger.removeHandler(installed);
      }
      logger.setUseParentHandlers(false);
      // WARNING, not OFF: the SDK's ThrottlingLogger asks isLoggable() before it logs, so OFF
      // would hide the failures from the notice too.
      logger.setLevel(Level.WARNING);
      logger.addHandler(handler);
      sdkRoot = logger;
      installed = handler;
    }
  }

  static Logger sdkRootLogger() {
    synchronized (LOCK) {
      return sdkRoot;
    }
  }
}
