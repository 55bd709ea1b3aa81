package dev.vcon.receiver;

/**
 * One line of the live table.
 *
 * @param p50Seconds NaN when no run has been timed
 * @param p99Seconds NaN when no run has been timed
 */
record Row(
    String label,
    long inflight,
    long processed,
    long failed,
    double p50Seconds,
    double p99Seconds) {}
