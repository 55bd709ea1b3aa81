package dev.vcon.sample.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.produce.Producer.Produced;
import dev.vcon.sample.queue.SpoolVconQueue;
import dev.vcon.sample.queue.VconQueue;
import dev.vcon.sample.vcon.Json;
import dev.vcon.sample.vcon.VconFactory;
import dev.vcon.sample.vcon.VconValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerTest {

  @TempDir Path spool;

  @RepeatedTest(20)
  void generatedVconsHaveEveryFieldTheCoreDraftRequires() {
    ObjectNode vcon = new VconFactory(new Random()).create();

    assertThat(VconValidator.firstProblem(null, vcon)).isNull();
    assertThat(vcon.get("uuid").asText()).matches("[0-9a-f-]{36}");
    assertThat(vcon.get("vcon").asText()).isEqualTo("0.0.2");
    assertThat(OffsetDateTime.parse(vcon.get("created_at").asText())).isNotNull();
    assertThat(vcon.get("parties")).hasSize(2);
    assertThat(vcon.get("parties").get(0).has("tel")).isTrue();
    assertThat(vcon.get("parties").get(1).has("mailto")).isTrue();
    assertThat(vcon.get("parties").get(0).has("name")).isTrue();
    JsonNode dialog = vcon.get("dialog").get(0);
    assertThat(dialog.get("type").asText()).isIn("text", "recording");
    assertThat(OffsetDateTime.parse(dialog.get("start").asText())).isNotNull();
    assertThat(dialog.get("parties")).hasSize(2);
    assertThat(dialog.get("body").asText()).isNotEmpty();
    assertThat(vcon.get("analysis").isArray()).isTrue();
    assertThat(vcon.get("attachments").isArray()).isTrue();
  }

  @Test
  void storesTheBodyAndEnqueuesTheUuid() {
    VconQueue queue = new SpoolVconQueue(spool);

    Produced produced =
        new Producer(queue, new VconFactory(new Random()))
            .produceOne("in", false, Duration.ofMinutes(1));

    assertThat(queue.entries("in")).containsExactly(produced.uuid());
    assertThat(queue.getVcon(produced.uuid())).isPresent();
    assertThat(queue.popContext("in", produced.uuid())).isEmpty();
    assertThat(produced.line()).isEqualTo(produced.uuid());
  }

  @Test
  void withContextStoresAnUpstreamTraceContextLikeAnInstrumentedProducer() {
    VconQueue queue = new SpoolVconQueue(spool);

    Produced produced =
        new Producer(queue, new VconFactory(new Random()))
            .produceOne("in", true, Duration.ofMinutes(1));

    ObjectNode context = Json.parseObject(queue.popContext("in", produced.uuid()).orElseThrow());
    assertThat(context.get("trace_id").asText())
        .matches("[0-9a-f]{32}")
        .isNotEqualTo("0".repeat(32))
        .isEqualTo(produced.traceId());
    assertThat(context.get("span_id").asText())
        .matches("[0-9a-f]{16}")
        .isNotEqualTo("0".repeat(16))
        .isEqualTo(produced.spanId());
    assertThat(context.get("trace_flags").asInt()).isEqualTo(1);
    assertThat(context.get("is_sampled").asBoolean()).isTrue();
    assertThat(Produced.parse(produced.line())).isEqualTo(produced);
  }

  @Test
  void theValidatorRejectsADialogThatNamesAMissingParty() {
    ObjectNode vcon = new VconFactory(new Random()).create();
    ((com.fasterxml.jackson.databind.node.ArrayNode) vcon.get("dialog").get(0).get("parties"))
        .add(7);

    assertThat(VconValidator.firstProblem(null, vcon)).contains("party 7");
  }
}
