package dev.vcon.sample.link;

import dev.vcon.sample.config.Options;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Picks vCons by uuid, the same way in every process and on every run: those whose uuid matches
 * {@code uuid_pattern} (a regex, searched), or a {@code fraction} (0..1) of all uuids chosen by a
 * CRC32 of the uuid. Deterministic so tests can predict which vCons fail or halt.
 */
public final class UuidSelector {

  private final double fraction;
  private final Pattern pattern;

  public UuidSelector(Options options, double defaultFraction) {
    this.fraction = options.doubleValue("fraction", defaultFraction);
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException(
          "option fraction must be between 0 and 1, not " + fraction);
    }
    this.pattern = options.string("uuid_pattern").map(Pattern::compile).orElse(null);
  }

  public boolean selects(String uuid) {
    if (pattern != null && pattern.matcher(uuid).find()) {
      return true;
    }
    return bucket(uuid) < fraction;
  }

  /** A stable value in [0, 1) for the uuid. */
  public static double bucket(String uuid) {
    CRC32 crc = new CRC32();
    crc.update(uuid.getBytes(StandardCharsets.UTF_8));
    return (crc.getValue() % 10_000) / 10_000.0;
  }
}
