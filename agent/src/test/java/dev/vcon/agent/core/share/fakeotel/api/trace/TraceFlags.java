package dev.vcon.agent.core.share.fakeotel.api.trace;

public interface TraceFlags {
  byte asByte();

  static TraceFlags fromByte(byte value) {
    return () -> value;
  }
}
