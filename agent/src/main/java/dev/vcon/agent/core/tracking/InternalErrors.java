package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.expr.ValueText;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's own failures while recording one role's calls, entry and exit alike: the first is one
 * problem line, every one is counted (for self-telemetry), none reaches the host.
 */
final class InternalErrors {

  private final String role;
  private final Consumer<String> problems;
  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean reported = new AtomicBoolean();

  InternalErrors(String role, Consumer<String> problems) {
    this.role = role;
    this.problems = problems;
  }

  void failed(Throwable t) {
    count.incrementAndGet();
    // A host out of stack fails us too: saying so would need stack (and may load classes there,
    // which the JVM reports as an instrument assertion failure), so it is only counted.
    if (!(t instanceof StackOverflowError) && reported.compareAndSet(false, true)) {
      problems.accept(
          "vcon-otel-agent: internal error while recording a "
              + role
              + " call ("
              + ValueText.forLine(ValueText.of(t, 200), 200)
              + "); the call itself was not affected (further "
              + role
              + " errors are counted, not printed)");
    }
  }

  long count() {
    return count.get();
  }
}
