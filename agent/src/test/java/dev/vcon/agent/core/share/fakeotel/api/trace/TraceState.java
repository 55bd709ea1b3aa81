package dev.vcon.agent.core.share.fakeotel.api.trace;

public interface TraceState {
  static TraceState getDefault() {
    return null;
  }
}
