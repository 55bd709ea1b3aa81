package dev.vcon.agent.core.share.fakeotel.api.trace;

public final class SpanContext {

  static final SpanContext INVALID =
      new SpanContext("00000000000000000000000000000000", "0000000000000000", (byte) 0);

  private final String traceId;
  private final String spanId;
  private final byte flags;

  private SpanContext(String traceId, String spanId, byte flags) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.flags = flags;
  }

  public static SpanContext createFromRemoteParent(
      String traceId, String spanId, TraceFlags flags, TraceState state) {
    return new SpanContext(traceId, spanId, flags.asByte());
  }

  public boolean isValid() {
    return this != INVALID;
  }

  public String getTraceId() {
    return traceId;
  }

  public String getSpanId() {
    return spanId;
  }

  public TraceFlags getTraceFlags() {
    return TraceFlags.fromByte(flags);
  }
}
