package dev.vcon.agent.core.tracking;

import io.opentelemetry.api.common.Attributes;

/** The storage role: a child span per write, its outcome, duration (ms) and count per backend. */
final class StorageHandler extends ChildSpanHandler<ChildSpanHandler.Target> {

  StorageHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Target::new, SpanKeys.STORAGE_NAME, MetricAttributes::storageSpanName);
  }

  @Override
  String outcome(Object result, Throwable thrown) {
    return Outcomes.ofStorage(thrown);
  }

  @Override
  void record(ChildCall call, String outcome, Object result, Throwable thrown) {
    Attributes attributes = call.names().storage(call.name, outcome);
    call.metrics.storageDuration().record(call.elapsedNanos() / 1e6, attributes, call.span());
    call.metrics.storageCount().add(1, attributes);
  }
}
