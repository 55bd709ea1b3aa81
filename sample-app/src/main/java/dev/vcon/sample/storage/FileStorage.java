package dev.vcon.sample.storage;

import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import dev.vcon.sample.queue.VconQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes each vCon as {@code <uuid>.json} in the folder {@code path} (default {@code
 * ./conserver-storage}). Written to a temporary name and renamed, so a reader never sees half a
 * file even when several worker processes share the folder.
 */
public final class FileStorage implements Storage {

  private String name;
  private Path folder;
  private VconQueue queue;

  @Override
  public void init(String name, Map<String, Object> options, ComponentContext context) {
    this.name = name;
    this.queue = context.queue();
    this.folder = Path.of(new Options(options).string("path").orElse("conserver-storage"));
    // Created on first save, so merely loading a configuration leaves no folder behind.
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("option path: " + folder + " is a file, not a folder");
    }
  }

  @Override
  public void save(String vconUuid) {
    String json =
        queue
            .getVcon(vconUuid)
            .orElseThrow(() -> new IllegalStateException("no vCon stored under " + vconUuid));
    Path target = folder.resolve(vconUuid + ".json");
    Path staging = folder.resolve("." + vconUuid + "." + Thread.currentThread().getId() + ".tmp");
    try {
      Files.createDirectories(folder);
      Files.writeString(staging, json, StandardCharsets.UTF_8);
      Files.move(
          staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  @Override
  public String getName() {
    return name;
  }
}
