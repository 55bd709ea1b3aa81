package dev.vcon.agent.core.share.changedotel.context;

/** A foreign context API of an unknown shape: it has a Context class and nothing else. */
public final class Context {
  private Context() {}
}
