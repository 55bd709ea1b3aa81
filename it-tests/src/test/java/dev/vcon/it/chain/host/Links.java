package dev.vcon.it.chain.host;

import java.util.List;
import java.util.Optional;

/** The link implementations of the scripted scenario, one per outcome the agent must tell apart. */
public final class Links {
  private Links() {}

  /** Success: returns the vCon id it was given ({@code Link<String>}, so it has a bridge). */
  public static final class TagLink implements Link<String> {
    @Override
    public String run(String vconId, String linkName, int index) {
      return vconId;
    }
  }

  /**
   * A generic implementation: {@code CollectingLink<T> implements Link<List<T>>} has the bridge
   * {@code Object run(String, String, int)}. Returns its own list, so the host can check identity.
   */
  public static final class CollectingLink<T> implements Link<List<T>> {
    private final List<T> items;

    public CollectingLink(List<T> items) {
      this.items = items;
    }

    public List<T> items() {
      return items;
    }

    @Override
    public List<T> run(String vconId, String linkName, int index) {
      return items;
    }
  }

  /** Halts by returning null. */
  public static final class NullLink implements Link<Object> {
    @Override
    public Object run(String vconId, String linkName, int index) {
      return null;
    }
  }

  /** Halts by returning Boolean.FALSE. */
  public static final class FalseLink implements Link<Boolean> {
    @Override
    public Boolean run(String vconId, String linkName, int index) {
      return Boolean.FALSE;
    }
  }

  /** Halts by returning "". */
  public static final class EmptyStringLink implements Link<String> {
    @Override
    public String run(String vconId, String linkName, int index) {
      return "";
    }
  }

  /** Halts by returning Optional.empty(). */
  public static final class EmptyOptionalLink implements Link<Optional<String>> {
    @Override
    public Optional<String> run(String vconId, String linkName, int index) {
      return Optional.empty();
    }
  }

  /** Thrown by {@link ThrowingLink}; the host checks it gets this very object back. */
  public static final class LinkFailure extends RuntimeException {
    public LinkFailure(String message) {
      super(message);
    }
  }

  /** Fails: throws a new {@link LinkFailure} and remembers it. */
  public static final class ThrowingLink implements Link<String> {
    public static volatile LinkFailure lastThrown;

    @Override
    public String run(String vconId, String linkName, int index) {
      LinkFailure failure = new LinkFailure("link " + linkName + " failed for " + vconId);
      lastThrown = failure;
      throw failure;
    }
  }

  /**
   * Re-entry: the matched {@code run(String, String, int)} delegates to the matched overload {@code
   * run(String, String)} on the same receiver; the agent must record one call.
   */
  public static final class DelegatingLink implements Link<String> {
    @Override
    public String run(String vconId, String linkName, int index) {
      return run(vconId, linkName);
    }

    public String run(String vconId, String linkName) {
      return "delegated:" + linkName + ":" + vconId;
    }
  }

  /**
   * Runs another vCon's chain from inside this link, i.e. while the thread is already inside a
   * chain run and a link call: the inner run must still be a new root.
   */
  public static final class SpawnLink implements Link<String> {
    private final ChainRequest inner;
    public volatile String innerResult;

    public SpawnLink(ChainRequest inner) {
      this.inner = inner;
    }

    @Override
    public String run(String vconId, String linkName, int index) {
      innerResult = inner.process();
      return "spawned:" + innerResult;
    }
  }

  /**
   * While its own vCon's run is in progress on this thread, writes another vCon, one with no chain
   * run in progress, to a storage: that write must start a trace of its own.
   */
  public static final class CrossWriteLink implements Link<String> {
    private final Storage storage;
    private final String otherVconId;

    public CrossWriteLink(Storage storage, String otherVconId) {
      this.storage = storage;
      this.otherVconId = otherVconId;
    }

    @Override
    public String run(String vconId, String linkName, int index) {
      storage.save(otherVconId);
      return "wrote:" + otherVconId;
    }
  }

  /** Sleeps, so that a periodic metric export sees its run in flight; returns the vCon id. */
  public static final class SleepLink implements Link<String> {
    private final long millis;

    public SleepLink(long millis) {
      this.millis = millis;
    }

    @Override
    public String run(String vconId, String linkName, int index) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return vconId;
    }
  }

  /** Archives the vCon in a {@link BlobStore} (the abstract-class storage selector). */
  public static final class ArchiveLink implements Link<String> {
    private final BlobStore store;

    public ArchiveLink(BlobStore store) {
      this.store = store;
    }

    @Override
    public String run(String vconId, String linkName, int index) {
      store.persist(vconId);
      return vconId;
    }
  }
}
