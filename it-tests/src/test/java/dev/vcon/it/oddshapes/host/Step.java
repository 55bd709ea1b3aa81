package dev.vcon.it.oddshapes.host;

/** A link: implemented by enum constants with bodies, a record, a class loaded early, a plugin. */
public interface Step {
  String key();

  String apply(String vconId, String name, int index, String body);
}
