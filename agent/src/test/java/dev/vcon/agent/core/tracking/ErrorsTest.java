package dev.vcon.agent.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracers =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void close() {
    tracers.close();
  }

  @Test
  void aFailureIsAnErrorStatusAndAnExceptionEventWithTypeMessageAndStackTrace() {
    recordAndEnd(new IllegalStateException("broken\npipe"));

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getDescription()).isEqualTo("broken\npipe");
    assertThat(span.getEvents()).hasSize(1);
    EventData event = span.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(Errors.EXCEPTION_TYPE))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(event.getAttributes().get(Errors.EXCEPTION_MESSAGE)).isEqualTo("broken\npipe");
    assertThat(event.getAttributes().get(Errors.EXCEPTION_STACKTRACE))
        .startsWith("java.lang.IllegalStateException: broken\npipe")
        .contains("at " + ErrorsTest.class.getName());
  }

  @Test
  void aStackOverflowIsAnErrorEventWithoutItsStackTrace() {
    recordAndEnd(new StackOverflowError());

    EventData event = exporter.getFinishedSpanItems().get(0).getEvents().get(0);
    assertThat(event.getAttributes().get(Errors.EXCEPTION_TYPE))
        .isEqualTo("java.lang.StackOverflowError");
    assertThat(event.getAttributes().get(Errors.EXCEPTION_STACKTRACE))
        .as("rendered on a thread with no stack left, at every frame the error unwinds")
        .isNull();
  }

  @Test
  void aSpanWaitingForExportKeepsNoReferenceToTheThrowable() throws InterruptedException {
    Throwable thrown = new IllegalArgumentException("held?");
    WeakReference<Throwable> ref = new WeakReference<>(thrown);
    recordAndEnd(thrown);
    thrown = null;

    List<SpanData> waiting = exporter.getFinishedSpanItems(); // as an export queue holds them
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(ref.get()).as("the throwable, and through it the thrower's classes").isNull();
    assertThat(waiting.get(0).getEvents().get(0).getAttributes().get(Errors.EXCEPTION_MESSAGE))
        .isEqualTo("held?");
  }

  @Test
  void aThrowableWhoseTextThrowsLosesThatTextNotTheEvent() {
    recordAndEnd(
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new IllegalStateException("no message");
          }

          @Override
          public String toString() {
            throw new IllegalStateException("no text");
          }
        });

    EventData event = exporter.getFinishedSpanItems().get(0).getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(Errors.EXCEPTION_MESSAGE)).isNull();
    assertThat(event.getAttributes().get(Errors.EXCEPTION_STACKTRACE)).isNull();
  }

  @Test
  void aHugeStackTraceIsCutToItsLimit() {
    recordAndEnd(new RuntimeException("x".repeat(100_000)));

    EventData event = exporter.getFinishedSpanItems().get(0).getEvents().get(0);
    assertThat(event.getAttributes().get(Errors.EXCEPTION_MESSAGE)).hasSize(1000);
    assertThat(event.getAttributes().get(Errors.EXCEPTION_STACKTRACE))
        .hasSize(Errors.STACKTRACE_LIMIT);
  }

  private void recordAndEnd(Throwable thrown) {
    Span span = tracers.get("test").spanBuilder("call").startSpan();
    Errors.recordFailure(span, thrown);
    span.end();
  }
}
