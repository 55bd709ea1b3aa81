package dev.vcon.it.otlp;

/** The OTLP transport a request arrived on, spelled as in {@code OTEL_EXPORTER_OTLP_PROTOCOL}. */
public enum Protocol {
  GRPC("grpc"),
  HTTP_PROTOBUF("http/protobuf");

  private final String otelName;

  Protocol(String otelName) {
    this.otelName = otelName;
  }

  /**
   * The value to put in {@code OTEL_EXPORTER_OTLP_PROTOCOL} / {@code otel.exporter.otlp.protocol}.
   */
  public String otelName() {
    return otelName;
  }
}
