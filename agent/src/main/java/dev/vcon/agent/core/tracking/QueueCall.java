package dev.vcon.agent.core.tracking;

import dev.vcon.agent.core.pipeline.ConserverMetrics;
import dev.vcon.agent.core.pipeline.Telemetry;
import io.opentelemetry.api.common.Attributes;

/**
 * One queue operation in progress, recorded on the pipeline generation it began in. Holds no host
 * object: only names read on entry.
 */
final class QueueCall extends RecordedCall {

  final ConserverMetrics metrics;
  final Attributes attributes;
  final String subject;
  final String queue;
  private final QueueHandler<?> role;
  private final CallFrames frames;
  private final CallFrames.Frame frame;

  QueueCall(
      QueueHandler<?> role,
      CallFrames frames,
      CallFrames.Frame frame,
      Telemetry generation,
      Attributes attributes,
      Object subject,
      String queue) {
    super(role.errors);
    this.role = role;
    this.frames = frames;
    this.frame = frame;
    this.metrics = generation.metrics();
    this.attributes = attributes;
    this.subject = subject == null ? null : subject.toString();
    this.queue = queue;
  }

  @Override
  void finish(Object result, Throwable thrown) {
    frames.pop(frame);
    if (thrown == null) {
      role.returned(this, result);
    }
  }
}
