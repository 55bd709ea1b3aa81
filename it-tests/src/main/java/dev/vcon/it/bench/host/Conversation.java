package dev.vcon.it.bench.host;

import java.util.List;

/**
 * One conversation processed by the benchmark host: the "chain run" role ({@code
 * dev.vcon.it.bench.host.Conversation#process}, name {@code this.route.name}, vCon id {@code
 * this.id}, upstream context {@code this.traceparent}). Runs each step in order on the caller's
 * thread over the conversation's payload, then writes the last digest to the sink.
 */
public final class Conversation {
  private final String id;
  private final Route route;
  private final String traceparent;
  private final List<Step> steps;
  private final Sink sink;
  private final byte[] payload;

  public Conversation(
      String id, Route route, String traceparent, List<Step> steps, Sink sink, byte[] payload) {
    this.id = id;
    this.route = route;
    this.traceparent = traceparent;
    this.steps = steps;
    this.sink = sink;
    this.payload = payload;
  }

  /** Returns the number of steps run. */
  public int process() {
    byte[] digest = payload;
    for (int i = 0; i < steps.size(); i++) {
      digest = steps.get(i).apply(id, i, payload);
    }
    sink.write(id, digest);
    return steps.size();
  }
}
