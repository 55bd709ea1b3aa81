package dev.vcon.agent.core.pipeline;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The last queue length the host itself read, per series, behind the asynchronous gauge {@code
 * conserver.ingress_list.length}. The gauge's callback runs on the SDK's collection thread and only
 * reads what is here: the agent never calls into host code to measure a queue.
 *
 * <p>A value is reported for at most {@code staleness} after the host read it: a host that stopped
 * checking (its health check died, its queue is unreachable) must not keep showing a backlog that
 * may be long gone. At most {@code maxSeries} series are kept; a new series beyond that is dropped
 * (and counted) until stale ones are forgotten, so memory stays bounded whatever names the host
 * passes.
 */
public final class QueueLengths {

  private final long stalenessNanos;
  private final int maxSeries;
  private final LongSupplier nanoClock;
  private final Map<Attributes, Sample> samples = new ConcurrentHashMap<>();
  private final AtomicInteger series = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  public QueueLengths(Duration staleness, int maxSeries) {
    this(staleness, maxSeries, System::nanoTime);
  }

  QueueLengths(Duration staleness, int maxSeries, LongSupplier nanoClock) {
    this.stalenessNanos = staleness.toNanos();
    this.maxSeries = maxSeries;
    this.nanoClock = nanoClock;
  }

  /** Keeps {@code length} as the latest value of the series {@code attributes}. Never blocks. */
  public void record(Attributes attributes, long length) {
    Sample sample = new Sample(length, nanoClock.getAsLong());
    if (samples.replace(attributes, sample) != null) {
      return;
    }
    if (series.incrementAndGet() > maxSeries) {
      series.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    if (samples.putIfAbsent(attributes, sample) != null) {
      // Another thread added this series meanwhile: it is counted once, ours is the newer value.
      series.decrementAndGet();
      samples.put(attributes, sample);
    }
  }

  /** The gauge's callback: every series read within the staleness; older ones are forgotten. */
  public void observe(ObservableLongMeasurement measurement) {
    long now = nanoClock.getAsLong();
    for (Map.Entry<Attributes, Sample> entry : samples.entrySet()) {
      Sample sample = entry.getValue();
      if (now - sample.nanos > stalenessNanos) {
        if (samples.remove(entry.getKey(), sample)) {
          series.decrementAndGet();
        }
      } else {
        measurement.record(sample.length, entry.getKey());
      }
    }
  }

  /** Values not kept because {@code maxSeries} series were already held. */
  public long dropped() {
    return dropped.get();
  }

  int seriesCount() {
    return series.get();
  }

  private static final class Sample {
    final long length;
    final long nanos;

    Sample(long length, long nanos) {
      this.length = length;
      this.nanos = nanos;
    }
  }
}
