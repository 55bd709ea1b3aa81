package dev.vcon.agent.core.share;

import dev.vcon.agent.core.config.Settings;
import java.util.Locale;
import java.util.function.Consumer;

/** {@code vcon.agent.context.share}: whether our open span is made current for other tracers. */
public enum ShareMode {
  /** With whatever is present: the official OpenTelemetry Java agent, else the host's own API. */
  AUTO,
  /** Never: other instrumentation keeps its own context, its spans make traces of their own. */
  NONE;

  public static final String KEY = "vcon.agent.context.share";

  /** The setting's value; a bad one is one problem line and {@link #AUTO}. */
  public static ShareMode read(Settings settings, Consumer<String> problems) {
    String value = settings.get(KEY);
    if (value == null) {
      return AUTO;
    }
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("auto")) {
      return AUTO;
    }
    if (text.equals("none")) {
      return NONE;
    }
    problems.accept(
        "vcon-otel-agent: invalid setting "
            + KEY
            + "='"
            + value
            + "': expected auto or none; using auto");
    return AUTO;
  }
}
