package dev.vcon.it.oddshapes.host;

/** A record implementing the link. */
public record Suffix(String text) implements Step {
  @Override
  public String key() {
    return "suffix";
  }

  @Override
  public String apply(String vconId, String name, int index, String body) {
    return body + text;
  }
}
