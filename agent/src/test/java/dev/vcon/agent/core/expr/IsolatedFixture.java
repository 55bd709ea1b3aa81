package dev.vcon.agent.core.expr;

/** Loaded a second time by a separate class loader in {@link CrossLoaderAccessTest}. */
final class IsolatedFixture {
  private final String secret = "hidden";

  String getLabel() {
    return "package-private getter";
  }
}
