package dev.vcon.it.chain.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A second storage selector, on an abstract class ({@code ...host.BlobStore#persist}): its
 * implementations two levels down are matched, {@code this.name} reads the private field declared
 * here, and an override calling {@code super.persist} is one write.
 */
public abstract class BlobStore {
  private final String name;
  protected final List<String> persisted = Collections.synchronizedList(new ArrayList<>());

  protected BlobStore(String name) {
    this.name = name;
  }

  public List<String> persisted() {
    return persisted;
  }

  public abstract void persist(String vconId);

  /** Writes to "disk" (a list). */
  public static class FileBlobStore extends BlobStore {
    public FileBlobStore(String name) {
      super(name);
    }

    @Override
    public void persist(String vconId) {
      persisted.add("file:" + vconId);
    }
  }

  /** Remembers the id, then lets its superclass write: the selector matches both methods. */
  public static final class CachedBlobStore extends FileBlobStore {
    public CachedBlobStore(String name) {
      super(name);
    }

    @Override
    public void persist(String vconId) {
      persisted.add("cache:" + vconId);
      super.persist(vconId);
    }
  }
}
