package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void unitsAndBareMillisecondsParse() {
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("5000")).isEqualTo(Duration.ofMillis(5000));
    assertThat(Durations.parse(" 2 m ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "-5s", "5 sec", "1.5s", "abc", "5d", "9999999999999"})
  void otherFormsAreRejected(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidSettingException.class);
  }
}
