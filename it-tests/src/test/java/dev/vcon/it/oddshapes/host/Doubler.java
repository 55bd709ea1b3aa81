package dev.vcon.it.oddshapes.host;

/** {@code Link<int[]>}: a bridge over an array type, and an array argument and return. */
public final class Doubler implements Link<int[]> {
  @Override
  public int[] transform(String vconId, String name, int index, int[] payload) {
    int[] doubled = new int[payload.length];
    for (int i = 0; i < payload.length; i++) {
      doubled[i] = 2 * payload[i];
    }
    return doubled;
  }
}
