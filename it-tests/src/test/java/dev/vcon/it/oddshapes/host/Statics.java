package dev.vcon.it.oddshapes.host;

/** Links that are static methods: primitive and array arguments, varargs, primitive returns. */
public final class Statics {

  private Statics() {}

  public static int count(String vconId, String name, int index, long[] sizes) {
    return sizes.length;
  }

  public static long sum(String vconId, String name, int index, long... values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  public static void touch(String vconId, String name, int index, char c, short s, float f) {
    if (c == 0 && s == 0 && f == 0) {
      throw new IllegalStateException("never");
    }
  }

  public static double weigh(String vconId, String name, int index, double weight) {
    return weight / 2;
  }

  public static String explode(String vconId, String name, int index) {
    throw OddMain.ERROR;
  }
}
