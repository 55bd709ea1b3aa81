package dev.vcon.agent.core;

/**
 * Package names of code that is not ours (the OpenTelemetry API a host or the official agent
 * brings, another copy of Byte Buddy), as the agent looks for them at run time. They are built at
 * run time on purpose: maven-shade rewrites every string constant that starts with a relocated
 * package ({@code io.opentelemetry}, {@code net.bytebuddy}), so a literal would name our own
 * relocated copy instead ({@code dev.vcon.agent.shaded.io.opentelemetry...}).
 */
public final class ForeignPackages {

  /** {@code io.opentelemetry.}: the unrelocated OpenTelemetry API and SDK. */
  public static final String OPENTELEMETRY = String.join(".", "io", "opentelemetry") + ".";

  /** {@code io.opentelemetry.javaagent.}: the official OpenTelemetry Java agent. */
  public static final String OFFICIAL_AGENT = OPENTELEMETRY + "javaagent.";

  /** {@code net.bytebuddy.}: a Byte Buddy that is not ours (another agent's, a host library's). */
  public static final String BYTE_BUDDY = String.join(".", "net", "bytebuddy") + ".";

  private ForeignPackages() {}

  /** The internal form, {@code io/opentelemetry/}, of a dotted package prefix. */
  public static String internal(String dotted) {
    return dotted.replace('.', '/');
  }
}
