package dev.vcon.agent.core.expr;

/**
 * Turns a host value into text the agent may keep: at most the attribute value length limit (the
 * OpenTelemetry {@code otel.attribute.value.length.limit}, counted in UTF-16 chars as the SDK
 * counts), with unpaired surrogates replaced by U+FFFD so every exporter can encode it as UTF-8.
 *
 * <p>Done before anything is kept (span names, attributes, metric attribute sets, caches), so a 10
 * MB name costs one bounded copy, never a retained 10 MB key or a failing export.
 */
public final class ValueText {

  /** Our default limit when {@code otel.attribute.value.length.limit} is not set. */
  public static final int DEFAULT_LIMIT = 1000;

  private static final char REPLACEMENT = '\uFFFD';

  private ValueText() {}

  /**
   * The value's text within the limit, or null when the value is null or its {@code toString}
   * returns null or throws: a hostile {@code toString} loses that value, never the call's span.
   */
  public static String of(Object value, int limit) {
    if (value == null) {
      return null;
    }
    String text;
    try {
      text = value instanceof String ? (String) value : value.toString();
    } catch (Throwable hostFailure) {
      return null;
    }
    return text == null ? null : limit(text, limit);
  }

  /**
   * The text cut to {@code limit} chars (never inside a surrogate pair), unpaired ones replaced.
   */
  public static String limit(String text, int limit) {
    int end = Math.min(text.length(), Math.max(limit, 0));
    if (end > 0
        && end < text.length()
        && Character.isHighSurrogate(text.charAt(end - 1))
        && Character.isLowSurrogate(text.charAt(end))) {
      end--; // keep the pair whole: drop its first half rather than leave it unpaired
    }
    int firstBad = firstUnpairedSurrogate(text, end);
    if (firstBad < 0) {
      return end == text.length() ? text : text.substring(0, end);
    }
    StringBuilder clean = new StringBuilder(end);
    clean.append(text, 0, firstBad);
    for (int i = firstBad; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        clean.append(c).append(text.charAt(++i));
      } else {
        clean.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return clean.toString();
  }

  private static int firstUnpairedSurrogate(String text, int end) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < end
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * A host-derived text for a one-line diagnostic: newlines and other control characters escaped,
   * cut to {@code max} chars with a marker, so a message can never split or flood the line.
   */
  public static String forLine(String text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= max) {
        return out.append("...(").append(text.length()).append(" chars)").toString();
      }
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
