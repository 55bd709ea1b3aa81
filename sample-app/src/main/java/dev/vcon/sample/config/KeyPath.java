package dev.vcon.sample.config;

/**
 * Where a value sits in the configuration, both as a JSON pointer (to look up its line) and as the
 * dotted form people read in error messages ({@code chains.main.links[1]}).
 */
record KeyPath(KeyPath parent, String pointer, String display) {

  static final KeyPath ROOT = new KeyPath(null, "", "");

  KeyPath child(String key) {
    String escaped = key.replace("~", "~0").replace("/", "~1");
    return new KeyPath(
        this, pointer + "/" + escaped, display.isEmpty() ? key : display + "." + key);
  }

  KeyPath index(int i) {
    return new KeyPath(this, pointer + "/" + i, display + "[" + i + "]");
  }
}
