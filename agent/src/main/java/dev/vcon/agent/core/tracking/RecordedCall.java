package dev.vcon.agent.core.tracking;

import dev.vcon.agent.bridge.ExitHandle;

/**
 * An exit handle whose own failures are counted against its role, like failures on entry: the
 * bridge would otherwise swallow them unseen.
 */
abstract class RecordedCall implements ExitHandle {

  private final InternalErrors errors;

  RecordedCall(InternalErrors errors) {
    this.errors = errors;
  }

  @Override
  public final void exit(Object result, Throwable thrown) {
    // Ending reads the host's result and exception (length(), toString(), stack trace): the
    // agent's own reads, during which instrumented methods are not recorded.
    int[] depth = OwnReads.begin();
    try {
      finish(result, thrown);
    } catch (Throwable t) {
      errors.failed(t);
    } finally {
      OwnReads.end(depth);
    }
  }

  /** Records the end of the call; may throw, the failure is counted. */
  abstract void finish(Object result, Throwable thrown);
}
