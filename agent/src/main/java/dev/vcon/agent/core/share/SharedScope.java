package dev.vcon.agent.core.share;

/**
 * Our span made current in another instrumentation's context on one thread. {@link #close()} puts
 * back what was current before; it must be called on that thread, on every exit path, once.
 */
public final class SharedScope {

  private final ContextSharing sharing;
  private final ContextApi api;
  private final Object scope;

  SharedScope(ContextSharing sharing, ContextApi api, Object scope) {
    this.sharing = sharing;
    this.api = api;
    this.scope = scope;
  }

  public void close() {
    sharing.close(api, scope);
  }
}
