package dev.vcon.agent.core.share.fakeotel.context;

import dev.vcon.agent.core.share.fakeotel.api.trace.Span;

/**
 * A stand-in for a foreign copy of the OpenTelemetry context API (the official agent's shaded one):
 * the same shape, its own current-span stack, and a switch that makes its calls throw.
 */
public final class Context {

  public static final ThreadLocal<Span> CURRENT = new ThreadLocal<>();
  public static volatile boolean failing;
  public static volatile int openScopes;

  private Context() {}
}
