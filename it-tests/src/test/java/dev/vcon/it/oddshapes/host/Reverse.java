package dev.vcon.it.oddshapes.host;

/** {@code Link<String>}: javac adds the bridge {@code Object transform(..., Object)}. */
public final class Reverse implements Link<String> {
  @Override
  public String transform(String vconId, String name, int index, String payload) {
    return new StringBuilder(payload).reverse().toString();
  }
}
