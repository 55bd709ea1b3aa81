package dev.vcon.agent.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.upstream.UpstreamContext;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressCarrierTest {

  private static final SpanContext ROOT =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final List<String> problems = new ArrayList<>();
  private final EgressCarrier carrier = new EgressCarrier("Egress#handOff", problems::add);

  @Test
  void aMutableMapGetsTraceparentAndConserversKeysAsStrings() {
    Map<String, String> headers = new HashMap<>();
    headers.put("other", "kept");
    assertThat(carrier.inject(ROOT, headers)).isTrue();
    assertThat(headers)
        .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("span_id", "00f067aa0ba902b7")
        .containsEntry("trace_flags", "01")
        .containsEntry("other", "kept");
    assertThat(problems).isEmpty();
  }

  @Test
  void theNextChainReadsBackTheSameContextFromEitherForm() {
    Map<String, Object> headers = new HashMap<>();
    carrier.inject(ROOT, headers);
    UpstreamContext both = UpstreamContext.parse(headers);
    headers.remove("traceparent");
    UpstreamContext conserverOnly = UpstreamContext.parse(headers);
    for (UpstreamContext read : new UpstreamContext[] {both, conserverOnly}) {
      assertThat(read.traceId()).isEqualTo(ROOT.getTraceId());
      assertThat(read.spanId()).isEqualTo(ROOT.getSpanId());
      assertThat(read.isSampled()).isTrue();
    }
  }

  @Test
  void anUnsampledRootIsHandedOnUnsampled() {
    Map<String, String> headers = new HashMap<>();
    carrier.inject(
        SpanContext.create(
            ROOT.getTraceId(), ROOT.getSpanId(), TraceFlags.getDefault(), TraceState.getDefault()),
        headers);
    assertThat(headers).containsEntry("trace_flags", "00");
    assertThat(headers.get("traceparent")).endsWith("-00");
  }

  @Test
  void anImmutableMapIsLeftAloneWithOneLineOnce() {
    Map<String, String> frozen = Collections.singletonMap("a", "b");
    assertThat(carrier.inject(ROOT, frozen)).isFalse();
    assertThat(carrier.inject(ROOT, frozen)).isFalse();
    assertThat(frozen).containsOnlyKeys("a");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("vcon-otel-agent: the egress carrier of Egress#handOff is a map that cannot")
        .contains("vcon.agent.egress.carrier");
  }

  @Test
  void nullOrNotAMapIsOneLine() {
    assertThat(carrier.inject(ROOT, null)).isFalse();
    assertThat(problems).hasSize(1).allMatch(line -> line.contains(" is null;"));
    EgressCarrier other = new EgressCarrier("X#y", problems::add);
    assertThat(other.inject(ROOT, "traceparent")).isFalse();
    assertThat(problems).hasSize(2);
    assertThat(problems.get(1)).contains("is a java.lang.String, not a Map");
  }

  @Test
  void aMapThatRefusesTheEntriesIsOneLine() {
    Map<String, Integer> typed =
        Collections.checkedMap(new HashMap<>(), String.class, Integer.class);
    assertThat(carrier.inject(ROOT, typed)).isFalse();
    assertThat(typed).isEmpty();
    assertThat(problems).hasSize(1);
  }

  @Test
  void anInvalidRootWritesNothing() {
    Map<String, String> headers = new HashMap<>();
    assertThat(carrier.inject(SpanContext.getInvalid(), headers)).isFalse();
    assertThat(headers).isEmpty();
    assertThat(problems).isEmpty();
  }
}
