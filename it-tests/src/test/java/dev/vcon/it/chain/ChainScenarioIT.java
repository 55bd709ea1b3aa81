package dev.vcon.it.chain;

import dev.vcon.it.otlp.Protocol;

/**
 * {@link ChainScenarioBase} on the Java running the tests (17), exporting over OTLP/HTTP-protobuf.
 */
class ChainScenarioIT extends ChainScenarioBase {
  ChainScenarioIT() {
    super("scenario-java17", null, Protocol.HTTP_PROTOBUF, "17");
  }
}
