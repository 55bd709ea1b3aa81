package dev.vcon.it.oddshapes.host;

import java.io.FileNotFoundException;

/** A link that declares and throws a checked exception. */
public final class Loader {
  public String load(String vconId, String name, int index) throws FileNotFoundException {
    throw OddMain.MISSING;
  }
}
