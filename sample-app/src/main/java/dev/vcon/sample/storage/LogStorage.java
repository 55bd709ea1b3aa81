package dev.vcon.sample.storage;

import dev.vcon.sample.chain.ComponentContext;
import java.io.PrintStream;
import java.util.Map;

/**
 * Prints one line per stored vCon to stdout, {@code vcon-stored uuid=<uuid> storage=<name>}: the
 * uuid only, never content, since vCons hold personal data.
 */
public final class LogStorage implements Storage {

  private String name;
  private PrintStream out;

  @Override
  public void init(String name, Map<String, Object> options, ComponentContext context) {
    this.name = name;
    this.out = context.out();
  }

  @Override
  public void save(String vconUuid) {
    out.println("vcon-stored uuid=" + vconUuid + " storage=" + name);
  }

  @Override
  public String getName() {
    return name;
  }
}
