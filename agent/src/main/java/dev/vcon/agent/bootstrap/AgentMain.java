package dev.vcon.agent.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The {@code Premain-Class}. Loaded by the system class loader from the {@code -javaagent} jar; it
 * does as little as it can: honour the off switch, put the jar's small bridge on the bootstrap
 * class path (so instrumented classes in every class loader see {@code dev.vcon.agent.bridge}),
 * create the isolated loader for everything else and hand over. Nothing here may throw: a throwing
 * premain aborts the JVM.
 */
public final class AgentMain {

  private static final String STARTER = "dev.vcon.agent.core.AgentStarter";
  static final String ATTACHED_TWICE =
      "vcon-otel-agent: attached more than once (two -javaagent flags, or an attach at run time);"
          + " the first attachment stays active, the others are ignored";

  private static boolean started;
  private static boolean active;
  private static boolean duplicateReported;

  private AgentMain() {}

  public static void premain(String agentArgs, Instrumentation inst) {
    start(agentArgs, inst);
  }

  /** Attach after start-up works the same way; classes already loaded are retransformed. */
  public static void agentmain(String agentArgs, Instrumentation inst) {
    start(agentArgs, inst);
  }

  private static synchronized void start(String agentArgs, Instrumentation inst) {
    if (started) {
      // Every copy of the jar resolves to this one class (the system loader loads the first copy
      // on the class path), so this flag sees each further -javaagent flag or later attach.
      if (active && !duplicateReported) {
        duplicateReported = true;
        System.err.println(ATTACHED_TWICE);
      }
      return;
    }
    started = true;
    try {
      if (isDisabled()) {
        return;
      }
      active = true;
      File jar = agentJar();
      JarFile jarFile = new JarFile(jar, false);
      BridgeInjector.inject(inst, jarFile);
      ClassLoader loader = new AgentClassLoader(jar, jarFile);
      Class<?> starter = Class.forName(STARTER, true, loader);
      Method startMethod = starter.getMethod("start", Instrumentation.class, String.class);
      startMethod.invoke(null, inst, agentArgs);
    } catch (Throwable t) {
      Throwable cause = t.getCause() != null ? t.getCause() : t;
      System.err.println(
          "vcon-otel-agent: not started (" + cause + "); the application runs without it");
    }
  }

  /** The off switch is read here, before any other class is loaded, so "off" costs nothing. */
  static boolean isDisabled() {
    String value = System.getProperty("vcon.agent.enabled");
    if (value == null || value.trim().isEmpty()) {
      value = System.getenv("VCON_AGENT_ENABLED");
    }
    return value != null && "false".equalsIgnoreCase(value.trim());
  }

  /**
   * Finds the jar through this class's own resource URL rather than its ProtectionDomain, which a
   * SecurityManager may guard (the OpenTelemetry agent does the same).
   */
  private static File agentJar() throws Exception {
    URL url = AgentMain.class.getResource("AgentMain.class");
    if (url == null || !"jar".equals(url.getProtocol())) {
      throw new IllegalStateException("agent classes are not loaded from a jar: " + url);
    }
    String path = url.getPath(); // file:/path/to/agent.jar!/dev/vcon/...
    String file = path.substring(0, path.indexOf("!/"));
    return new File(new URL(file).toURI());
  }
}
