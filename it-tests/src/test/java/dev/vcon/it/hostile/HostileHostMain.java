package dev.vcon.it.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host nobody on the agent team wrote, passing hostile values to its chain and link methods. Its
 * stdout depends only on what it computes, so runs with and without the agent can be compared byte
 * for byte.
 */
public final class HostileHostMain {

  /** The chain method: name, vCon id and upstream context are whatever the host passes. */
  public static final class Pipeline {
    int runs;

    public String process(Object name, Object vconId, Object context) {
      runs++;
      new Step().run(vconId, new Label(runs % 3 == 0));
      return "processed-" + runs;
    }
  }

  /** The link method. */
  public static final class Step {
    public boolean run(Object vconId, Label label) {
      return true;
    }
  }

  /** A link name read through a getter that sometimes throws, with a message over two lines. */
  public static final class Label {
    private final boolean broken;

    Label(boolean broken) {
      this.broken = broken;
    }

    public String getText() {
      if (broken) {
        throw new IllegalStateException("label\nunavailable");
      }
      return "tag";
    }
  }

  /** Whose toString throws. */
  static final class Unprintable {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("no text");
    }
  }

  /** A context whose text cannot be read. */
  static final class UnreadableContext implements CharSequence {
    @Override
    public String toString() {
      throw new AssertionError("no context");
    }

    @Override
    public int length() {
      return 55;
    }

    @Override
    public char charAt(int index) {
      return '0';
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return "";
    }
  }

  /** A map that fills in a default for any key it is asked for. */
  static final class DefaultingMap extends LinkedHashMap<String, Object> {
    @Override
    public Object get(Object key) {
      return computeIfAbsent(String.valueOf(key), k -> "default");
    }
  }

  private HostileHostMain() {}

  public static void main(String[] args) {
    Pipeline pipeline = new Pipeline();
    int hugeNames = Integer.parseInt(args.length > 0 ? args[0] : "40");
    int huge = 10_000_000;
    for (int i = 0; i < hugeNames; i++) {
      // Distinct 10 M-char names, dropped by the host after each run.
      char[] chars = new char[huge];
      Arrays.fill(chars, (char) ('a' + i % 26));
      chars[0] = (char) ('A' + i % 26);
      String name = i + new String(chars);
      say("huge " + i + " " + pipeline.process(name, "vcon-huge-" + i, null).length());
    }

    say("newline " + pipeline.process("two\nlines", "vcon-newline", null));
    say("surrogate " + pipeline.process("bad\uD800name", "vcon-\uDC00-id", null));
    say("unprintable " + pipeline.process(new Unprintable(), "vcon-unprintable", null));
    say("unprintable-id " + pipeline.process("main", new Unprintable(), null));
    say("null-name " + pipeline.process(null, null, null));
    say("wrong-types " + pipeline.process(42, Arrays.asList(1, 2), 3.5));
    say("context-unreadable " + pipeline.process("main", "vcon-ctx", new UnreadableContext()));

    Map<String, Object> lru = new LinkedHashMap<>(16, 0.75f, true);
    lru.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    for (int i = 0; i < 1000; i++) {
      lru.put("key-" + i, i);
    }
    say("lru " + pipeline.process("main", "vcon-lru", lru) + " first=" + first(lru, 3));
    DefaultingMap defaulting = new DefaultingMap();
    defaulting.put("x", 1);
    say("defaulting " + pipeline.process("main", "vcon-def", defaulting) + " " + defaulting);
    say("done runs=" + pipeline.runs);
  }

  private static List<String> first(Map<String, Object> map, int n) {
    List<String> keys = new ArrayList<>();
    Iterator<String> it = map.keySet().iterator();
    while (keys.size() < n && it.hasNext()) {
      keys.add(it.next());
    }
    return keys;
  }

  private static void say(String line) {
    System.out.println(line);
  }
}
