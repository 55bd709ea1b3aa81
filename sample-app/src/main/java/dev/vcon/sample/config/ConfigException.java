package dev.vcon.sample.config;

/** A configuration problem, with the file, the line and the key it is about in its message. */
public final class ConfigException extends RuntimeException {

  private final int line;
  private final String key;

  public ConfigException(String source, int line, String key, String problem) {
    super(
        source + (line > 0 ? ":" + line : "") + (key.isEmpty() ? "" : ": " + key) + ": " + problem);
    this.line = line;
    this.key = key;
  }

  /** 1-based line of the offending key, 0 when unknown. */
  public int line() {
    return line;
  }

  /** Dotted path of the offending key, e.g. {@code chains.main.links[1]}. */
  public String key() {
    return key;
  }
}
