package dev.vcon.receiver;

import java.util.Map;

/**
 * The in-flight values and run-time percentiles right after one metrics export arrived.
 *
 * @param inflightByInstance each instance's latest in-flight value
 * @param collapsed the value of the one series a backend keeps without {@code service.instance.id}
 * @param percentilesByChain per chain name, {p50, p99} in seconds since the start, over all
 *     instances
 */
record Sample(
    long epochMillis,
    Map<String, Long> inflightByInstance,
    long sum,
    long collapsed,
    Map<String, double[]> percentilesByChain) {}
