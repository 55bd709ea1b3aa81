package dev.vcon.it.otlp;

/** The current {@link ReceiverMode}, shared by both protocol servers; hung calls wait here. */
final class ReceiverFaults {
  private final Object lock = new Object();
  private ReceiverMode mode = ReceiverMode.ACCEPT;

  ReceiverMode mode() {
    synchronized (lock) {
      return mode;
    }
  }

  void set(ReceiverMode next) {
    synchronized (lock) {
      mode = next;
      lock.notifyAll();
    }
  }

  /**
   * Blocks while the mode is {@link ReceiverMode#HANG}; returns the mode that ended the hang.
   *
   * @throws InterruptedException when the server stops (its threads are interrupted)
   */
  ReceiverMode awaitNotHanging() throws InterruptedException {
    synchronized (lock) {
      while (mode == ReceiverMode.HANG) {
        lock.wait();
      }
      return mode;
    }
  }
}
