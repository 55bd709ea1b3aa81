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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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

  private final Logger readerLogger = Logger.getLogger(PeriodicMetricReader.class.getName());
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    readerLogger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    readerLogger.removeHandler(handler);
  }

  @Test
  void anExportSlowerThanTheIntervalIsNotReportedAsTimedOut() {
    MetricExporter slow = new SlowExporter(300);
    MetricReader replaced =
        ExportTimeoutReader.replace(
            PeriodicMetricReader.builder(slow).setInterval(INTERVAL).build(), slow, config());

    assertThat(replaced).isInstanceOf(PeriodicMetricReader.class);
    flushOneCounter(replaced);
    assertThat(warnings).doesNotContain("Exporter timed out");
  }

  @Test
  void theSdkDefaultReaderReportsTheSameExportAsTimedOut() {
    MetricExporter slow = new SlowExporter(300);
    flushOneCounter(PeriodicMetricReader.builder(slow).setInterval(INTERVAL).build());
    assertThat(warnings).contains("Exporter timed out");
  }

  @Test
  void aReaderThatIsNotPeriodicIsKept() {
    MetricReader other = io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader.create();
    assertThat(ExportTimeoutReader.replace(other, new SlowExporter(0), config())).isSameAs(other);
  }

  private static void flushOneCounter(MetricReader reader) {
    SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    provider.get("test").counterBuilder("c").build().add(1);
    provider.forceFlush().join(5, TimeUnit.SECONDS);
    provider.shutdown().join(5, TimeUnit.SECONDS);
  }

  private static DefaultConfigProperties config() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.metric.export.interval", String.valueOf(INTERVAL.toMillis()));
    return DefaultConfigProperties.createFromMap(properties);
  }

  /** Succeeds, but only after a delay, on another thread, like a slow collector. */
  private static final class SlowExporter implements MetricExporter {
    private final long delayMillis;

    SlowExporter(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      CompletableResultCode result = new CompletableResultCode();
      Thread thread =
          new Thread(
              () -> {
                try {
                  Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                result.succeed();
              });
      thread.setDaemon(true);
      thread.start();
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
