package dev.vcon.it.oddshapes.host;

/** A link class that another agent's premain loads before the vCon agent's premain runs. */
public final class EarlyStep implements Step {
  @Override
  public String key() {
    return "early";
  }

  @Override
  public String apply(String vconId, String name, int index, String body) {
    return body + "@";
  }
}
