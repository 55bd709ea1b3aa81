package dev.vcon.it.otlp;

/**
 * The OTLP signal of an export request; {@link #httpPath()} is its path on the http/protobuf port.
 */
public enum Signal {
  TRACES("/v1/traces"),
  METRICS("/v1/metrics"),
  LOGS("/v1/logs");

  private final String httpPath;

  Signal(String httpPath) {
    this.httpPath = httpPath;
  }

  public String httpPath() {
    return httpPath;
  }
}
