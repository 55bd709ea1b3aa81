package dev.vcon.agent.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportTimeoutReaderTest {

  private static final Duration INTERVAL = Duration.ofMillis(100);

  /** Only turns a hang into a failure: no assertion here depends on how long anything took. */
  private static final long HANG_GUARD_MINUTES = 2;

  private static final String TIMED_OUT = "Exporter timed out";

  private final Logger readerLogger = Logger.getLogger(PeriodicMetricReader.class.getName());

  /** Warnings of the readers, each with the thread that logged it (the reader's worker). */
  private final List<Map.Entry<Thread, String>> warnings = new CopyOnWriteArrayList<>();

  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(Map.entry(Thread.currentThread(), record.getMessage()));
            for (GatedExporter exporter : openOnTimeout) {
              if (exporter.calledOn(Thread.currentThread())
                  && TIMED_OUT.equals(record.getMessage())) {
                gate.succeed();
              }
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Completes every export of the test; opened when a reader named here reports a time-out. */
  private final CompletableResultCode gate = new CompletableResultCode();

  private final List<GatedExporter> openOnTimeout = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() {
    readerLogger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    gate.succeed();
    readerLogger.removeHandler(handler);
  }

  @Test
  void anExportSlowerThanTheIntervalIsNotReportedAsTimedOut() throws Exception {
    GatedExporter slow = new GatedExporter(gate);
    MetricReader replaced =
        ExportTimeoutReader.replace(
            PeriodicMetricReader.builder(slow).setInterval(INTERVAL).build(), slow, config());
    assertThat(replaced).isInstanceOf(PeriodicMetricReader.class);
    SdkMeterProvider ours = providerWithOneCounter(replaced);
    CompletableResultCode ourFlush = ours.forceFlush();
    assertThat(slow.awaitExport()).as("our reader started an export").isTrue();

    // A witness: the SDK's default reader, same interval, its export started after ours. The gate
    // opens only when the witness gives up, so our export has then been waiting longer than the
    // witness's whole timeout (one interval).
    GatedExporter witness = new GatedExporter(gate);
    openOnTimeout.add(witness);
    SdkMeterProvider sdkDefault =
        providerWithOneCounter(PeriodicMetricReader.builder(witness).setInterval(INTERVAL).build());
    sdkDefault.forceFlush();

    assertThat(ourFlush.join(HANG_GUARD_MINUTES, TimeUnit.MINUTES).isSuccess())
        .as("our reader waited for the export instead of giving up")
        .isTrue();
    assertThat(gate.isDone()).as("the witness timed out first").isTrue();
    assertThat(warningsOf(slow)).doesNotContain(TIMED_OUT);
    shutDown(ours, sdkDefault);
  }

  @Test
  void theSdkDefaultReaderReportsTheSameExportAsTimedOut() throws Exception {
    GatedExporter slow = new GatedExporter(gate);
    openOnTimeout.add(slow);
    SdkMeterProvider sdkDefault =
        providerWithOneCounter(PeriodicMetricReader.builder(slow).setInterval(INTERVAL).build());

    // the export completes only once the reader has reported it as timed out
    assertThat(sdkDefault.forceFlush().join(HANG_GUARD_MINUTES, TimeUnit.MINUTES).isDone())
        .isTrue();
    assertThat(warningsOf(slow)).contains(TIMED_OUT);
    shutDown(sdkDefault);
  }

  @Test
  void aReaderThatIsNotPeriodicIsKept() {
    MetricReader other = io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader.create();
    assertThat(ExportTimeoutReader.replace(other, new GatedExporter(gate), config()))
        .isSameAs(other);
  }

  private List<String> warningsOf(GatedExporter exporter) {
    List<String> messages = new ArrayList<>();
    for (Map.Entry<Thread, String> warning : warnings) {
      if (exporter.calledOn(warning.getKey())) {
        messages.add(warning.getValue());
      }
    }
    return messages;
  }

  private static SdkMeterProvider providerWithOneCounter(MetricReader reader) {
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("c").build().add(1);
    return provider;
  }

  private void shutDown(SdkMeterProvider... providers) {
    gate.succeed();
    for (SdkMeterProvider provider : providers) {
      provider.shutdown().join(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
    }
  }

  private static DefaultConfigProperties config() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.metric.export.interval", String.valueOf(INTERVAL.toMillis()));
    // the exporter may take an hour: no slow machine makes our reader give up during the test
    properties.put("otel.exporter.otlp.timeout", "3600000");
    return DefaultConfigProperties.createFromMap(properties);
  }

  /**
   * Like a slow collector: every export is accepted and succeeds only when the gate opens. Records
   * the threads it was called on (each reader exports on its own worker thread).
   */
  private static final class GatedExporter implements MetricExporter {
    private final CompletableResultCode gate;
    private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
    private final CountDownLatch exported = new CountDownLatch(1);

    GatedExporter(CompletableResultCode gate) {
      this.gate = gate;
    }

    boolean awaitExport() throws InterruptedException {
      return exported.await(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
    }

    boolean calledOn(Thread thread) {
      return callers.contains(thread);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      callers.add(Thread.currentThread());
      exported.countDown();
      CompletableResultCode result = new CompletableResultCode();
      gate.whenComplete(result::succeed);
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
