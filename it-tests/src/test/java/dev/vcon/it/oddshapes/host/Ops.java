package dev.vcon.it.oddshapes.host;

import java.util.Locale;

/** Enum constants with bodies, each implementing the link. */
public enum Ops implements Step {
  TRIM {
    @Override
    public String apply(String vconId, String name, int index, String body) {
      return body.trim();
    }
  },
  UPPER {
    @Override
    public String apply(String vconId, String name, int index, String body) {
      return body.toUpperCase(Locale.ROOT);
    }
  };

  @Override
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
