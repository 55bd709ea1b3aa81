package dev.vcon.it.oddshapes.host;

/** An {@code Error} of the host's own, thrown through a link and a chain run. */
public final class OddError extends Error {
  private static final long serialVersionUID = 1L;

  public OddError(String message) {
    super(message);
  }
}
