package dev.vcon.agent.core.pipeline;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs an SDK flush or shutdown on a daemon thread and waits at most a given time. The SDK's own
 * calls are not bounded by their result codes alone: {@code PeriodicMetricReader.shutdown()} blocks
 * its caller for up to 10 s, and with the collector down the OTLP retry backoff kept a JVM from
 * exiting in the prototype. Whatever is still running when the wait ends is abandoned on its daemon
 * thread.
 */
final class BoundedWait {
  private BoundedWait() {}

  /** {@code true} when {@code action}'s result completed successfully within {@code timeout}. */
  static boolean await(String name, Supplier<CompletableResultCode> action, Duration timeout) {
    long millis = Math.max(1, timeout.toMillis());
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                CompletableResultCode result = action.get();
                result.join(millis, TimeUnit.MILLISECONDS);
                done.complete(result.isDone() && result.isSuccess());
              } catch (Throwable t) {
                done.complete(false);
              }
            },
            "vcon-otel-agent-" + name);
    worker.setDaemon(true);
    worker.start();
    try {
      return done.get(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    }
  }
}
