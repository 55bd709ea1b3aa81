package dev.vcon.it.oddshapes.host;

import java.io.IOException;

/**
 * The chain runs, each of another shape: static with varargs, synchronized, primitive and array
 * arguments, void and primitive returns, a checked exception and an {@code Error} thrown through.
 */
public final class Chains {
  private final Shelf shelf = new Shelf();
  private final Link<String> reverse = new Reverse();
  private final Link<int[]> doubler = new Doubler();

  /** Static, varargs; each step is a link. */
  public static String runStatic(Ticket t, Step... steps) {
    String body = "  hello  ";
    for (int i = 0; i < steps.length; i++) {
      body = steps[i].apply(t.vconId(), steps[i].key(), i, body);
    }
    return body;
  }

  /** Synchronized, an array argument, an int return; static links. */
  public synchronized int runCounted(Ticket t, long[] sizes) {
    int n = Statics.count(t.vconId(), "count", 0, sizes);
    long total = Statics.sum(t.vconId(), "sum", 1, sizes[0], sizes[1], sizes[2]);
    Statics.touch(t.vconId(), "touch", 2, 'x', (short) 7, 1.5f);
    return n + (int) total;
  }

  /** A long return; generic links called through their interface (the bridge). */
  public long runTotal(Ticket t, int[] values) {
    String reversed = reverse.transform(t.vconId(), "reverse", 0, "abc");
    int[] doubled = doubler.transform(t.vconId(), "double", 1, values);
    long total = reversed.length();
    for (int v : doubled) {
      total += v;
    }
    return total;
  }

  /** A double argument and return; a default-method link, static link, two storages. */
  public double runScore(Ticket t, double weight) {
    double half = Statics.weigh(t.vconId(), "weigh", 0, weight);
    boolean audited = new PlainAudit().check(t.vconId(), "audit", 1, (byte) 1, (byte) 2);
    shelf.put(t.vconId(), "shelf", new char[] {'a', 'b'});
    long stamp = Shelf.put(t.vconId(), "archive", 41L);
    return audited ? half + stamp : half;
  }

  /** A boolean argument and return; a link throwing a checked exception the chain catches. */
  public boolean runAccepted(Ticket t, boolean flag, Step early) {
    String body = early.apply(t.vconId(), early.key(), 0, "x");
    try {
      new Loader().load(t.vconId(), "load", 1);
    } catch (java.io.FileNotFoundException e) {
      return flag && e == OddMain.MISSING && body.equals("x@");
    }
    return false;
  }

  /** Void, throwing a checked exception out of the run. */
  public void runFailing(Ticket t) throws IOException {
    Ops.TRIM.apply(t.vconId(), "trim", 0, " a ");
    throw OddMain.BROKEN_PIPE;
  }

  /** An {@code Error} thrown by a link, through the run. */
  public String runBroken(Ticket t) {
    return Statics.explode(t.vconId(), "explode", 0);
  }

  /** Links and storages of a plugin, defined by a class loader made at run time. */
  public static String runPlugin(Ticket t, Step step, Shelf storage, String input) {
    String body = step.apply(t.vconId(), step.key(), 0, input);
    storage.put(t.vconId(), "plugin-shelf", body.toCharArray());
    return body;
  }
}
