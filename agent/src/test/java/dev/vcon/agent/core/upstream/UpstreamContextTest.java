package dev.vcon.agent.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamContextTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void traceparentStringParses() {
    UpstreamContext c = UpstreamContext.parse("00-" + TRACE + "-" + SPAN + "-01");
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.spanId()).isEqualTo(SPAN);
    assertThat(c.traceFlags()).isEqualTo((byte) 1);
    assertThat(c.isSampled()).isTrue();
    assertThat(c.toTraceparent()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
  }

  @Test
  void upperCaseHexIsNormalised() {
    UpstreamContext c =
        UpstreamContext.parse("00-" + TRACE.toUpperCase() + "-" + SPAN.toUpperCase() + "-0A");
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.spanId()).isEqualTo(SPAN);
    assertThat(c.traceFlags()).isEqualTo((byte) 0x0a);
  }

  @Test
  void futureVersionsAreAcceptedPerW3cRules() {
    assertThat(UpstreamContext.parse("cc-" + TRACE + "-" + SPAN + "-01")).isNotNull();
    assertThat(UpstreamContext.parse("cc-" + TRACE + "-" + SPAN + "-01-what-ever")).isNotNull();
    // a later version may only append after a further '-'
    assertThat(UpstreamContext.parse("cc-" + TRACE + "-" + SPAN + "-01x")).isNull();
    // version ff is invalid; version 00 has exactly four fields
    assertThat(UpstreamContext.parse("ff-" + TRACE + "-" + SPAN + "-01")).isNull();
    assertThat(UpstreamContext.parse("00-" + TRACE + "-" + SPAN + "-01-extra")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"
      })
  void malformedOrZeroTraceparentIsNoContext(String value) {
    assertThat(UpstreamContext.parse(value)).isNull();
  }

  @Test
  void absentOrUnsupportedValuesAreNoContext() {
    assertThat(UpstreamContext.parse(null)).isNull();
    assertThat(UpstreamContext.parse(42)).isNull();
    assertThat(UpstreamContext.parse(new Object())).isNull();
    assertThat(UpstreamContext.parse(new HashMap<>())).isNull();
  }

  @Test
  void mapWithTraceparentEntryParses() {
    UpstreamContext c =
        UpstreamContext.parse(map("traceparent", "00-" + TRACE + "-" + SPAN + "-00"));
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.traceFlags()).isZero();
    assertThat(UpstreamContext.parse(map("traceparent", 7))).isNull();
  }

  @Test
  void mapWithIdsParsesAndFlagsDefaultToZero() {
    UpstreamContext c = UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN));
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.spanId()).isEqualTo(SPAN);
    assertThat(c.traceFlags()).isZero();
  }

  @Test
  void mapFlagsAcceptNumbersDecimalAndHexStrings() {
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", 1))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", 1L))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "01"))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "1"))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "ff"))
                .traceFlags())
        .isEqualTo((byte) 0xff);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "0x03"))
                .traceFlags())
        .isEqualTo((byte) 3);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "128"))
                .traceFlags())
        .isEqualTo((byte) 128);
  }

  @Test
  void badFlagsAreNoContext() {
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", 256)))
        .isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", -1)))
        .isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", "x1")))
        .isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "trace_flags", 1.5)))
        .isNull();
  }

  @Test
  void isSampledSetsTheFlagOnlyWhenTraceFlagsAreAbsent() {
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "is_sampled", true))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "is_sampled", "true"))
                .traceFlags())
        .isEqualTo((byte) 1);
    assertThat(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "is_sampled", false))
                .traceFlags())
        .isZero();
    assertThat(
            UpstreamContext.parse(
                    map(
                        "trace_id",
                        TRACE,
                        "span_id",
                        SPAN,
                        "trace_flags",
                        "00",
                        "is_sampled",
                        true))
                .traceFlags())
        .isZero();
  }

  @Test
  void mapIdsMayBeNumbers() {
    UpstreamContext c =
        UpstreamContext.parse(
            map(
                "trace_id",
                new BigInteger(TRACE, 16),
                "span_id",
                Long.parseUnsignedLong(SPAN, 16)));
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.spanId()).isEqualTo(SPAN);
    // a negative long is the unsigned 64-bit value, and small ids are zero-padded
    UpstreamContext d = UpstreamContext.parse(map("trace_id", 255L, "span_id", -1L));
    assertThat(d.traceId()).isEqualTo("000000000000000000000000000000ff");
    assertThat(d.spanId()).isEqualTo("ffffffffffffffff");
  }

  @Test
  void mapIdsUpperCaseAreNormalised() {
    UpstreamContext c =
        UpstreamContext.parse(map("trace_id", TRACE.toUpperCase(), "span_id", SPAN.toUpperCase()));
    assertThat(c.traceId()).isEqualTo(TRACE);
    assertThat(c.spanId()).isEqualTo(SPAN);
  }

  @Test
  void mapWithMissingWrongLengthOrZeroIdsIsNoContext() {
    assertThat(UpstreamContext.parse(map("trace_id", TRACE))).isNull();
    assertThat(UpstreamContext.parse(map("span_id", SPAN))).isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE.substring(1), "span_id", SPAN)))
        .isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN + "0"))).isNull();
    assertThat(UpstreamContext.parse(map("trace_id", "0".repeat(32), "span_id", SPAN))).isNull();
    assertThat(UpstreamContext.parse(map("trace_id", TRACE, "span_id", 0L))).isNull();
    assertThat(UpstreamContext.parse(map("trace_id", -1, "span_id", SPAN))).isNull();
    assertThat(
            UpstreamContext.parse(map("trace_id", BigInteger.ONE.shiftLeft(128), "span_id", SPAN)))
        .isNull();
    assertThat(UpstreamContext.parse(map("trace_id", 1.0, "span_id", SPAN))).isNull();
  }

  @Test
  void aMapThatThrowsIsNoContext() {
    Map<String, Object> hostile =
        new HashMap<String, Object>() {
          @Override
          public Object get(Object key) {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(UpstreamContext.parse(hostile)).isNull();
  }

  @Test
  void equalContextsAreEqual() {
    assertThat(UpstreamContext.parse("00-" + TRACE + "-" + SPAN + "-01"))
        .isEqualTo(
            UpstreamContext.parse(map("trace_id", TRACE, "span_id", SPAN, "is_sampled", true)));
  }
}
