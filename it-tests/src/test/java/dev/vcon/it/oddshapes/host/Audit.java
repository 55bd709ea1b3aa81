package dev.vcon.it.oddshapes.host;

/** A link that is a default interface method (with varargs of a primitive type). */
public interface Audit {
  default boolean check(String vconId, String name, int index, byte... data) {
    return data.length > 0;
  }
}
