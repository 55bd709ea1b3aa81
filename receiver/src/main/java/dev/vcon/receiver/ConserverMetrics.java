package dev.vcon.receiver;

/** The conserver metric names and attribute the live view reads (as the agent records them). */
final class ConserverMetrics {
  static final String INFLIGHT = "conserver.vcons.inflight";
  static final String RUN_TIME = "conserver.main_loop.vcon_processing_time";
  static final String PROCESSED = "conserver.main_loop.count_vcons_processed";
  static final String FAILED = "conserver.main_loop.count_vcons_failed";
  static final String CHAIN = "chain.name";

  private ConserverMetrics() {}

  static boolean isShown(String metricName) {
    return INFLIGHT.equals(metricName)
        || RUN_TIME.equals(metricName)
        || PROCESSED.equals(metricName)
        || FAILED.equals(metricName);
  }
}
