package dev.vcon.it.otlp;

import com.google.protobuf.Message;

/**
 * A raw export request, kept so a test can look at anything the flattened views leave out.
 *
 * @param request an {@code ExportTraceServiceRequest}, {@code ExportMetricsServiceRequest} or
 *     {@code ExportLogsServiceRequest}, matching {@code arrival.signal()}
 */
public record ReceivedRequest(Arrival arrival, Message request) {}
