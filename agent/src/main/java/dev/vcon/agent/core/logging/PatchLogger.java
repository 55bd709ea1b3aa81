package dev.vcon.agent.core.logging;

import java.text.MessageFormat;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * Stands in for {@code java.util.logging.Logger} in every library the agent bundles: the build
 * relocates that class to this one (as the OpenTelemetry and Datadog agents do), so the SDK, OkHttp
 * and Okio never touch the host's java.util.logging. Creating a JUL logger would initialise {@code
 * java.util.logging.LogManager} early, and an application server that names its own manager ({@code
 * java.util.logging.manager}) after start-up would then get the JDK's instead.
 *
 * <p>Records of WARNING and above go to the one {@link LogSink} installed (the agent's rate-limited
 * stderr notices); everything else, and everything before a sink is installed, is dropped. Only the
 * members the bundled libraries call exist; {@code AgentJarIT}-style checks of the packaged jar
 * find a missing one. {@code java.util.logging.Level} is kept: it does not start the LogManager.
 *
 * <p>Never refer to {@code java.util.logging.Logger} in this class: the relocation would turn the
 * reference into this class.
 */
public final class PatchLogger {
  private static final int THRESHOLD = Level.WARNING.intValue();
  private static final PatchLogger GLOBAL = new PatchLogger("global");
  private static volatile LogSink sink;

  private final String name;

  private PatchLogger(String name) {
    this.name = name;
  }

  /** Installs (or, with null, removes) where records go. */
  public static void install(LogSink newSink) {
    sink = newSink;
  }

  public static PatchLogger getLogger(String name) {
    return new PatchLogger(name == null ? "" : name);
  }

  public static PatchLogger getLogger(String name, String resourceBundleName) {
    return getLogger(name);
  }

  public static PatchLogger getGlobal() {
    return GLOBAL;
  }

  public static PatchLogger getAnonymousLogger() {
    return new PatchLogger("");
  }

  public String getName() {
    return name;
  }

  public boolean isLoggable(Level level) {
    return level != null && level.intValue() >= THRESHOLD && sink != null;
  }

  public void log(Level level, String msg) {
    publish(level, msg, null, null);
  }

  public void log(Level level, String msg, Throwable thrown) {
    publish(level, msg, null, thrown);
  }

  public void log(Level level, String msg, Object param) {
    publish(level, msg, new Object[] {param}, null);
  }

  public void log(Level level, String msg, Object[] params) {
    publish(level, msg, params, null);
  }

  public void log(Level level, Supplier<String> msg) {
    if (isLoggable(level)) {
      publish(level, msg.get(), null, null);
    }
  }

  public void log(Level level, Throwable thrown, Supplier<String> msg) {
    if (isLoggable(level)) {
      publish(level, msg.get(), null, thrown);
    }
  }

  public void logp(Level level, String sourceClass, String sourceMethod, String msg) {
    publish(level, msg, null, null);
  }

  public void logp(
      Level level, String sourceClass, String sourceMethod, String msg, Throwable thrown) {
    publish(level, msg, null, thrown);
  }

  public void severe(String msg) {
    publish(Level.SEVERE, msg, null, null);
  }

  public void warning(String msg) {
    publish(Level.WARNING, msg, null, null);
  }

  public void info(String msg) {}

  public void config(String msg) {}

  public void fine(String msg) {}

  public void finer(String msg) {}

  public void finest(String msg) {}

  public void severe(Supplier<String> msg) {
    log(Level.SEVERE, msg);
  }

  public void warning(Supplier<String> msg) {
    log(Level.WARNING, msg);
  }

  public void info(Supplier<String> msg) {}

  public void config(Supplier<String> msg) {}

  public void fine(Supplier<String> msg) {}

  public void finer(Supplier<String> msg) {}

  public void finest(Supplier<String> msg) {}

  public void entering(String sourceClass, String sourceMethod) {}

  public void entering(String sourceClass, String sourceMethod, Object param) {}

  public void exiting(String sourceClass, String sourceMethod) {}

  public void exiting(String sourceClass, String sourceMethod, Object result) {}

  public void throwing(String sourceClass, String sourceMethod, Throwable thrown) {}

  /** Levels are fixed (WARNING and above reach the sink); setting one changes nothing. */
  public void setLevel(Level level) {}

  public Level getLevel() {
    return Level.WARNING;
  }

  public PatchLogger getParent() {
    return null;
  }

  private void publish(Level level, String msg, Object[] params, Throwable thrown) {
    LogSink current = sink;
    if (current == null || level == null || level.intValue() < THRESHOLD) {
      return;
    }
    try {
      current.log(name, level, format(msg, params), thrown);
    } catch (RuntimeException e) {
      // a notice must never break the SDK's export thread
    }
  }

  /** As JUL's {@code Formatter.formatMessage}: {@code {0}}-style parameters only when present. */
  static String format(String msg, Object[] params) {
    if (msg == null) {
      return "null";
    }
    if (params == null || params.length == 0 || msg.indexOf('{') < 0) {
      return msg;
    }
    try {
      return MessageFormat.format(msg, params);
    } catch (IllegalArgumentException e) {
      return msg;
    }
  }
}
