package dev.vcon.it.chain;

import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.otlp.Protocol;

/** {@link ChainScenarioBase} on Java 25 ({@code ItJars.java25()}), exporting over OTLP/gRPC. */
class ChainScenarioJava25IT extends ChainScenarioBase {
  ChainScenarioJava25IT() {
    super("scenario-java25", ItJars.java25(), Protocol.GRPC, "25");
  }
}
