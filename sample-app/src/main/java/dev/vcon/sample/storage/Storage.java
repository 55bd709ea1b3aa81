package dev.vcon.sample.storage;

import dev.vcon.sample.chain.ComponentContext;
import java.util.Map;

/**
 * Where a vCon goes after its chain's links, as conserver's storage modules. Implementations need a
 * public no-argument constructor and must be thread-safe; they keep the configured name in a field
 * called {@code name} (tools that observe {@link #save} read it there).
 */
public interface Storage {

  /** Receives the configured name and options once, before any {@link #save}. */
  void init(String name, Map<String, Object> options, ComponentContext context);

  /** Writes the vCon; throwing counts as a failed storage write, not a failed chain run. */
  void save(String vconUuid);

  /** The name the configuration gives this storage, e.g. {@code file}. */
  String getName();
}
