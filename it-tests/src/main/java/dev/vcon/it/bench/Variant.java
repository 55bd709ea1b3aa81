package dev.vcon.it.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting the host: no agent, our agent or the official OpenTelemetry agent, each
 * exporting to the live receiver, to a port that refuses connections, or with exporters off.
 */
final class Variant {
  enum Agent {
    NONE,
    VCON,
    OFFICIAL
  }

  enum Collector {
    LIVE,
    REFUSING,
    OFF
  }

  /** The host's methods for the official agent: the same ones our configuration selects. */
  static final String OFFICIAL_METHODS =
      "dev.vcon.it.bench.host.Conversation[process];"
          + "dev.vcon.it.bench.host.DigestStep[apply];"
          + "dev.vcon.it.bench.host.MemorySink[write]";

  final Agent agent;
  final Collector collector;

  Variant(Agent agent, Collector collector) {
    this.agent = agent;
    this.collector = collector;
  }

  String label() {
    return agent == Agent.NONE
        ? "none"
        : agent.name().toLowerCase() + "-" + collector.name().toLowerCase();
  }

  List<String> jvmArgs(BenchPaths paths, Endpoints endpoints) {
    List<String> args = new ArrayList<>();
    switch (agent) {
      case NONE:
        return args;
      case VCON:
        args.add("-javaagent:" + paths.vconAgent() + "=" + paths.agentProperties());
        // our default protocol, grpc
        addCollector(args, endpoints.grpc());
        return args;
      case OFFICIAL:
        args.add("-javaagent:" + paths.officialAgent());
        args.add("-Dotel.service.name=bench-host");
        args.add("-Dotel.instrumentation.methods.include=" + OFFICIAL_METHODS);
        // its default protocol, http/protobuf
        addCollector(args, endpoints.http());
        return args;
      default:
        throw new IllegalStateException(agent.name());
    }
  }

  private void addCollector(List<String> args, String liveEndpoint) {
    switch (collector) {
      case LIVE:
        args.add("-Dotel.exporter.otlp.endpoint=" + liveEndpoint);
        break;
      case REFUSING:
        args.add("-Dotel.exporter.otlp.endpoint=" + Endpoints.refusing());
        break;
      case OFF:
        args.add("-Dotel.traces.exporter=none");
        args.add("-Dotel.metrics.exporter=none");
        args.add("-Dotel.logs.exporter=none");
        break;
      default:
        throw new IllegalStateException(collector.name());
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
