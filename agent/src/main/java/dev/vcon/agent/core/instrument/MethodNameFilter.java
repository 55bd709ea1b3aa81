package dev.vcon.agent.core.instrument;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The transformer's first, cheapest test: a class can only have a method to weave if its constant
 * pool holds that method's name as a UTF-8 entry (tag 1, length, bytes). A plain byte search finds
 * that without parsing the class, so most classes are passed over before their hierarchy is read. A
 * hit is only a "maybe" (the name may be a called method or a string); the caller then checks the
 * hierarchy.
 */
final class MethodNameFilter {

  private static final byte UTF8_TAG = 1;

  private final byte[][] patterns;

  MethodNameFilter(Collection<String> methodNames) {
    Set<String> unique = new LinkedHashSet<>(methodNames);
    patterns = new byte[unique.size()][];
    int i = 0;
    for (String name : unique) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      byte[] pattern = new byte[utf8.length + 3];
      pattern[0] = UTF8_TAG;
      pattern[1] = (byte) (utf8.length >>> 8);
      pattern[2] = (byte) utf8.length;
      System.arraycopy(utf8, 0, pattern, 3, utf8.length);
      patterns[i++] = pattern;
    }
  }

  boolean mayDeclare(byte[] classFile) {
    for (byte[] pattern : patterns) {
      if (indexOf(classFile, pattern) >= 0) {
        return true;
      }
    }
    return false;
  }

  static int indexOf(byte[] data, byte[] pattern) {
    byte first = pattern[0];
    int last = data.length - pattern.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
