package dev.vcon.agent.core.tracking;

/**
 * The link or storage call in progress on each thread, to recognise re-entry: an overload that
 * delegates to another matched overload, or an override calling {@code super}, on the same receiver
 * is one call, not two.
 */
final class CallFrames {

  static final class Frame {
    final Object self;
    final Frame previous;

    Frame(Object self, Frame previous) {
      this.self = self;
      this.previous = previous;
    }
  }

  private final ThreadLocal<Frame> current = new ThreadLocal<>();

  /** True when the same receiver already has a call of this role open on this thread. */
  boolean isReentry(Object self) {
    Frame frame = current.get();
    return self != null && frame != null && frame.self == self;
  }

  Frame push(Object self) {
    Frame frame = new Frame(self, current.get());
    current.set(frame);
    return frame;
  }

  void pop(Frame frame) {
    if (frame.previous == null) {
      // Nothing of ours is left behind in pooled threads; set, not removed: the next get() would
      // put the entry back (ThreadLocal.get inserts on a miss), allocating it on every call.
      current.set(null);
    } else {
      current.set(frame.previous);
    }
  }
}
