package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.ForeignPackages;

/**
 * Classes the agent never touches: the JDK, itself, other agents (the OpenTelemetry Java agent's
 * own classes and class loaders, which it also skips for us) and libraries we bundle relocated.
 */
final class Ignores {

  private static final String[] PLATFORM_PREFIXES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

  /**
   * Packages of {@code java.lang.reflect.Proxy} classes: {@code jdk.proxyN} (the dynamic modules of
   * Java 16+) and {@code com.sun.proxy} (before). They implement the host's interfaces, so a proxy
   * standing in for a link is woven like any other implementation.
   */
  private static final String[] PROXY_PREFIXES = {"jdk/proxy", "com/sun/proxy/"};

  private static final String[] IGNORED_PREFIXES = {
    "dev/vcon/agent/",
    ForeignPackages.internal(ForeignPackages.OFFICIAL_AGENT),
    ForeignPackages.internal(ForeignPackages.BYTE_BUDDY),
    "datadog/",
    "co/elastic/apm/",
    "com/newrelic/",
  };

  private Ignores() {}

  static boolean ignore(ClassLoader loader, String internalName) {
    if (loader == null
        || loader == ClassLoader.getPlatformClassLoader()
        || (isPlatformType(internalName) && !startsWithAny(internalName, PROXY_PREFIXES))
        || startsWithAny(internalName, IGNORED_PREFIXES)) {
      return true;
    }
    return loader.getClass().getName().startsWith(ForeignPackages.OFFICIAL_AGENT);
  }

  /** The JDK's own packages, wherever loaded. */
  static boolean isPlatformType(String internalName) {
    return startsWithAny(internalName, PLATFORM_PREFIXES);
  }

  private static boolean startsWithAny(String internalName, String[] prefixes) {
    for (String prefix : prefixes) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
