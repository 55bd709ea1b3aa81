package dev.vcon.sample.queue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue in a folder, shared safely by any number of worker processes without a server.
 *
 * <p>Layout under the root: {@code lists/<list>/<entry>} (entry content: a uuid), {@code
 * vcons/<uuid>.json}, {@code contexts/<list>/<uuid>/<entry>} (entry content: context JSON), {@code
 * tmp/} for writes in progress and {@code claimed/} for entries being taken.
 *
 * <p>Why it is safe: every write lands in {@code tmp/} first and is renamed into place, so a reader
 * never sees half a file; every take is an atomic rename of the entry into {@code claimed/}, which
 * exactly one process can win. Entry names sort in list order: a fixed-width timestamp and a
 * per-process counter, with put-back entries prefixed so they sort first.
 */
public final class SpoolVconQueue implements VconQueue {

  private static final long MAX_MILLIS = 9_999_999_999_999L;
  private static final Duration MAX_POLL = Duration.ofMillis(100);

  private final Path root;
  private final Path lists;
  private final Path vcons;
  private final Path contexts;
  private final Path tmp;
  private final Path claimed;
  private final String processTag = ProcessHandle.current().pid() + "-" + shortRandom();
  private final AtomicLong counter = new AtomicLong();

  public SpoolVconQueue(Path root) {
    this.root = root.toAbsolutePath();
    this.lists = this.root.resolve("lists");
    this.vcons = this.root.resolve("vcons");
    this.contexts = this.root.resolve("contexts");
    this.tmp = this.root.resolve("tmp");
    this.claimed = this.root.resolve("claimed");
    try {
      for (Path dir : List.of(lists, vcons, contexts, tmp, claimed)) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new QueueUnavailableException("spool folder " + this.root + " not usable: " + e, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public String kind() {
    return "spool";
  }

  @Override
  public void ping() {
    if (!Files.isDirectory(lists) || !Files.isWritable(tmp)) {
      throw new QueueUnavailableException("spool folder " + root + " not writable", null);
    }
  }

  @Override
  public String pop(String list, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pollMillis = 5;
    while (true) {
      Optional<String> uuid = takeFirst(listDir(list));
      if (uuid.isPresent()) {
        return uuid.get();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      // Polling: a folder has no blocking read; back off so idle workers cost little CPU.
      Thread.sleep(Math.min(pollMillis, Math.max(1, left / 1_000_000)));
      pollMillis = Math.min(MAX_POLL.toMillis(), pollMillis * 2);
    }
  }

  @Override
  public void push(String list, String uuid) {
    publish(listDir(list), tailEntryName(), uuid);
  }

  @Override
  public void pushFront(String list, String uuid) {
    publish(listDir(list), headEntryName(), uuid);
  }

  @Override
  public long length(String list) {
    return sortedEntries(listDir(list)).size();
  }

  @Override
  public List<String> entries(String list) {
    List<String> result = new ArrayList<>();
    for (Path entry : sortedEntries(listDir(list))) {
      readIfPresent(entry).ifPresent(result::add);
    }
    return result;
  }

  @Override
  public Optional<String> getVcon(String uuid) {
    return readIfPresent(vcons.resolve(safeName(uuid) + ".json"));
  }

  @Override
  public void putVcon(String uuid, String json) {
    Path staged = stage(json);
    move(staged, vcons.resolve(safeName(uuid) + ".json"));
  }

  @Override
  public void pushContext(String list, String uuid, String contextJson, Duration ttl) {
    long expiresAt = System.currentTimeMillis() + ttl.toMillis();
    publish(contextDir(list, uuid), tailEntryName() + "-exp" + expiresAt, contextJson);
  }

  @Override
  public Optional<String> popContext(String list, String uuid) {
    Path dir = contextDir(list, uuid);
    try {
      for (Path entry : sortedEntries(dir)) {
        Optional<String> json = claim(entry);
        if (json.isPresent() && !isExpired(entry.getFileName().toString())) {
          return json;
        }
      }
      return Optional.empty();
    } finally {
      removeIfEmpty(dir);
    }
  }

  /** One context folder per vCon would pile up forever; a concurrent publish just recreates it. */
  private static void removeIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Not empty (another context is waiting) or already gone: both fine.
    }
  }

  @Override
  public void close() {
    // Nothing held open: every operation opens and closes its own files.
  }

  private Optional<String> takeFirst(Path dir) {
    for (Path entry : sortedEntries(dir)) {
      Optional<String> content = claim(entry);
      if (content.isPresent()) {
        return content;
      }
    }
    return Optional.empty();
  }

  /** Atomically moves the entry out of its list; empty when another process took it first. */
  private Optional<String> claim(Path entry) {
    Path target =
        claimed.resolve(entry.getFileName() + "." + processTag + "-" + counter.incrementAndGet());
    try {
      Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new QueueUnavailableException("spool claim of " + entry + " failed: " + e, e);
    }
    try {
      String content = Files.readString(target, StandardCharsets.UTF_8);
      Files.deleteIfExists(target);
      return Optional.of(content);
    } catch (IOException e) {
      throw new QueueUnavailableException("spool read of " + target + " failed: " + e, e);
    }
  }

  private void publish(Path dir, String entryName, String content) {
    Path staged = stage(content);
    // A context folder can be removed by a consumer between creating it and renaming into it.
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(dir);
        Files.move(staged, dir.resolve(entryName), StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (NoSuchFileException e) {
        if (attempt == 3) {
          throw new QueueUnavailableException("spool folder " + dir + " keeps vanishing", e);
        }
      } catch (IOException e) {
        throw new QueueUnavailableException("spool rename into " + dir + " failed: " + e, e);
      }
    }
  }

  private Path stage(String content) {
    Path staged = tmp.resolve(processTag + "-" + counter.incrementAndGet() + ".tmp");
    try {
      Files.writeString(staged, content, StandardCharsets.UTF_8);
      return staged;
    } catch (IOException e) {
      throw new QueueUnavailableException("spool write to " + staged + " failed: " + e, e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new QueueUnavailableException("spool needs one file system for " + to, e);
    } catch (IOException e) {
      throw new QueueUnavailableException("spool rename to " + to + " failed: " + e, e);
    }
  }

  private static List<Path> sortedEntries(Path dir) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException e) {
      return entries;
    } catch (IOException e) {
      throw new QueueUnavailableException("spool listing of " + dir + " failed: " + e, e);
    }
    entries.sort(null);
    return entries;
  }

  private static Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new QueueUnavailableException("spool read of " + file + " failed: " + e, e);
    }
  }

  private static boolean isExpired(String entryName) {
    int at = entryName.lastIndexOf("-exp");
    return at >= 0 && Long.parseLong(entryName.substring(at + 4)) < System.currentTimeMillis();
  }

  private String tailEntryName() {
    return String.format(
        "1-%013d-%012d-%s", System.currentTimeMillis(), counter.incrementAndGet(), processTag);
  }

  /** Sorts before every tail entry, and later put-backs before earlier ones, like LPUSH. */
  private String headEntryName() {
    return String.format(
        "0-%013d-%012d-%s",
        MAX_MILLIS - System.currentTimeMillis(),
        Long.MAX_VALUE / 1_000_000_000L - counter.incrementAndGet(),
        processTag);
  }

  private Path listDir(String list) {
    return lists.resolve(safeName(list));
  }

  private Path contextDir(String list, String uuid) {
    return contexts.resolve(safeName(list)).resolve(safeName(uuid));
  }

  /** List names such as {@code DLQ:in} or a hostile "../x" become one plain folder name. */
  static String safeName(String name) {
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
    return encoded.startsWith(".") ? "%2E" + encoded.substring(1) : encoded;
  }

  private static String shortRandom() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
