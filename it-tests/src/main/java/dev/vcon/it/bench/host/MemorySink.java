package dev.vcon.it.bench.host;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Keeps the last few digests in a fixed ring, so memory stays flat however many runs there are. */
public final class MemorySink implements Sink {
  private static final int SLOTS = 1024;

  private final String backend;
  private final AtomicReferenceArray<byte[]> ring = new AtomicReferenceArray<>(SLOTS);
  private final AtomicLong writes = new AtomicLong();

  public MemorySink(String backend) {
    this.backend = backend;
  }

  @Override
  public String backend() {
    return backend;
  }

  @Override
  public void write(String conversationId, byte[] digest) {
    ring.set((int) (writes.getAndIncrement() % SLOTS), digest);
  }

  public long writes() {
    return writes.get();
  }
}
