package dev.vcon.it.otlp;

import java.time.Instant;

/**
 * One export request as it reached the receiver. Every decoded span, point and log record points
 * back to its arrival, so a test can tell which export (and which exporter) delivered it.
 *
 * @param sequence 1-based order of arrival across both protocols and all signals
 * @param time when the receiver got the whole request
 * @param contentEncoding {@code gzip} or {@code identity} (gRPC {@code grpc-encoding} or HTTP
 *     {@code Content-Encoding}; {@code identity} when absent)
 * @param userAgent the sender's {@code User-Agent}, or empty
 */
public record Arrival(
    long sequence,
    Instant time,
    Protocol protocol,
    Signal signal,
    String contentEncoding,
    String userAgent) {}
