package dev.vcon.agent.core.instrument;

/**
 * Classes the agent never touches: the JDK, itself, other agents (the OpenTelemetry Java agent's
 * own classes and class loaders, which it also skips for us) and libraries we bundle relocated.
 */
final class Ignores {

  private static final String[] IGNORED_PREFIXES = {
    "java/", "javax/", "jdk/", "sun/", "com/sun/",
    "dev/vcon/agent/",
    "io/opentelemetry/javaagent/",
    "net/bytebuddy/",
    "datadog/", "co/elastic/apm/", "com/newrelic/",
  };

  private Ignores() {}

  static boolean ignore(ClassLoader loader, String internalName) {
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return true;
    }
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return loader.getClass().getName().startsWith("io.opentelemetry.javaagent.");
  }
}
