package dev.vcon.agent.core.upstream;

import dev.vcon.agent.core.expr.MapReads;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * The trace context a vCon arrived with, so a chain run can join the caller's trace.
 *
 * <p>{@link #parse(Object)} accepts what services put in a request or vCon:
 *
 * <ul>
 *   <li>a W3C {@code traceparent} string {@code 00-<32 hex>-<16 hex>-<2 hex>} (later versions are
 *       accepted per the W3C rules: same first four fields, anything after a further {@code -});
 *   <li>a {@code Map} with a {@code traceparent} entry;
 *   <li>a {@code Map} with {@code trace_id} (32 hex), {@code span_id} (16 hex) and optional {@code
 *       trace_flags} (number, decimal string, or two-digit hex string such as {@code "01"}) or,
 *       when that is absent, {@code is_sampled} ({@code true} means flags {@code 01}). Ids may also
 *       be integral numbers.
 * </ul>
 *
 * Upper-case hex is accepted and normalised to lower case. Anything else, including all-zero ids,
 * is treated as no context.
 */
public final class UpstreamContext {

  private static final int TRACE_ID_HEX = 32;
  private static final int SPAN_ID_HEX = 16;
  private static final int TRACEPARENT_LENGTH = 55;

  private final String traceId;
  private final String spanId;
  private final byte traceFlags;

  private UpstreamContext(String traceId, String spanId, byte traceFlags) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.traceFlags = traceFlags;
  }

  /** 32 lower-case hex digits, never all zero. */
  public String traceId() {
    return traceId;
  }

  /** 16 lower-case hex digits, never all zero. */
  public String spanId() {
    return spanId;
  }

  public byte traceFlags() {
    return traceFlags;
  }

  public boolean isSampled() {
    return (traceFlags & 0x01) != 0;
  }

  /** The context as a version-00 {@code traceparent} header value. */
  public String toTraceparent() {
    return "00-" + traceId + '-' + spanId + '-' + hex2(traceFlags & 0xff);
  }

  /**
   * The context carried by {@code value}, or null when it carries none that is valid. Never throws.
   */
  public static UpstreamContext parse(Object value) {
    try {
      if (value instanceof CharSequence) {
        return parseTraceparent(value.toString());
      }
      if (value instanceof Map) {
        return parseMap((Map<?, ?>) value);
      }
    } catch (Throwable ignored) {
      // e.g. a map whose get() or a CharSequence whose toString() throws: treated as no context;
      // the run keeps its span, the host call goes on
    }
    return null;
  }

  private static UpstreamContext parseMap(Map<?, ?> map) {
    Object traceparent = MapReads.peek(map, "traceparent");
    if (traceparent != null) {
      return traceparent instanceof CharSequence ? parseTraceparent(traceparent.toString()) : null;
    }
    String traceId = id(MapReads.peek(map, "trace_id"), TRACE_ID_HEX);
    String spanId = id(MapReads.peek(map, "span_id"), SPAN_ID_HEX);
    if (traceId == null || spanId == null) {
      return null;
    }
    int flags;
    Object rawFlags = MapReads.peek(map, "trace_flags");
    if (rawFlags != null) {
      flags = flags(rawFlags);
      if (flags < 0) {
        return null;
      }
    } else {
      flags = isTrue(MapReads.peek(map, "is_sampled")) ? 0x01 : 0x00;
    }
    return new UpstreamContext(traceId, spanId, (byte) flags);
  }

  static UpstreamContext parseTraceparent(String raw) {
    String s = raw.trim();
    if (s.length() < TRACEPARENT_LENGTH
        || s.charAt(2) != '-'
        || s.charAt(35) != '-'
        || s.charAt(52) != '-') {
      return null;
    }
    int version = hexByte(s, 0);
    // Version ff is forbidden; version 00 has exactly four fields; later versions may append
    // fields, but only after a further '-'.
    if (version < 0 || version == 0xff) {
      return null;
    }
    if (version == 0
        ? s.length() != TRACEPARENT_LENGTH
        : s.length() > TRACEPARENT_LENGTH && s.charAt(TRACEPARENT_LENGTH) != '-') {
      return null;
    }
    String traceId = lowerHex(s, 3, 35);
    String spanId = lowerHex(s, 36, 52);
    int flags = hexByte(s, 53);
    if (traceId == null || spanId == null || flags < 0 || isZero(traceId) || isZero(spanId)) {
      return null;
    }
    return new UpstreamContext(traceId, spanId, (byte) flags);
  }

  /** An id from a hex string of exactly {@code digits} digits or an integral number; else null. */
  private static String id(Object raw, int digits) {
    String hex;
    if (raw instanceof CharSequence) {
      String s = raw.toString().trim();
      hex = s.length() == digits ? lowerHex(s, 0, digits) : null;
    } else if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
      long n = ((Number) raw).longValue();
      // Ids are unsigned: a negative long is read as its unsigned 64-bit value (Long.toHexString
      // does that); a negative int or short is just invalid.
      hex = n >= 0 || raw instanceof Long ? pad(Long.toHexString(n), digits) : null;
    } else if (raw instanceof BigInteger) {
      BigInteger n = (BigInteger) raw;
      hex = n.signum() < 0 || n.bitLength() > digits * 4 ? null : pad(n.toString(16), digits);
    } else {
      hex = null;
    }
    return hex == null || isZero(hex) ? null : hex;
  }

  /** Flags 0..255 from a number or string, or -1 when invalid. */
  private static int flags(Object raw) {
    if (raw instanceof Long
        || raw instanceof Integer
        || raw instanceof Short
        || raw instanceof Byte
        || raw instanceof BigInteger) {
      long n = ((Number) raw).longValue();
      if (raw instanceof Byte) {
        n &= 0xff;
      }
      return n >= 0 && n <= 0xff ? (int) n : -1;
    }
    if (raw instanceof CharSequence) {
      String s = raw.toString().trim().toLowerCase(Locale.ROOT);
      try {
        int n;
        if (s.startsWith("0x")) {
          n = Integer.parseInt(s.substring(2), 16);
        } else if (s.length() == 2) {
          // Two digits are the W3C wire form ("01"), so they are read as hex.
          n = Integer.parseInt(s, 16);
        } else {
          n = Integer.parseInt(s);
        }
        return n >= 0 && n <= 0xff ? n : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isTrue(Object raw) {
    if (raw instanceof Boolean) {
      return (Boolean) raw;
    }
    if (raw instanceof CharSequence) {
      String s = raw.toString().trim();
      return s.equalsIgnoreCase("true") || s.equals("1");
    }
    if (raw instanceof Number) {
      return ((Number) raw).intValue() == 1;
    }
    return false;
  }

  /** s[from, to) lower-cased when all hex digits, else null. */
  /**
   * Lower-case hex of {@code s[from, to)}, or null if not hex; one copy when already lower-case.
   */
  private static String lowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return c >= 'A' && c <= 'F' ? lowered(s, from, to) : null;
      }
    }
    return s.substring(from, to); // the usual case: one copy per id on each chain run
  }

  private static String lowered(String s, int from, int to) {
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
        out[i - from] = c;
      } else if (c >= 'A' && c <= 'F') {
        out[i - from] = (char) (c + ('a' - 'A'));
      } else {
        return null;
      }
    }
    return new String(out);
  }

  /** The byte written as two hex digits (either case) at {@code at}, or -1. */
  private static int hexByte(String s, int at) {
    int high = hexDigit(s.charAt(at));
    int low = hexDigit(s.charAt(at + 1));
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }

  /** ASCII hex only (Character.digit would take other scripts' digits too). */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static String pad(String hex, int digits) {
    if (hex.length() > digits) {
      return null;
    }
    StringBuilder b = new StringBuilder(digits);
    for (int i = hex.length(); i < digits; i++) {
      b.append('0');
    }
    return b.append(hex).toString();
  }

  private static String hex2(int n) {
    return n < 0x10 ? "0" + Integer.toHexString(n) : Integer.toHexString(n);
  }

  private static boolean isZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UpstreamContext)) {
      return false;
    }
    UpstreamContext other = (UpstreamContext) o;
    return traceId.equals(other.traceId)
        && spanId.equals(other.spanId)
        && traceFlags == other.traceFlags;
  }

  @Override
  public int hashCode() {
    return (traceId.hashCode() * 31 + spanId.hashCode()) * 31 + traceFlags;
  }

  @Override
  public String toString() {
    return toTraceparent();
  }
}
