package dev.vcon.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedOptionsTest {

  @Test
  void anOptionBeatsItsEnvironmentVariable() {
    ParsedOptions options =
        ParsedOptions.parse(
            new String[] {"--workers", "3"},
            RunCommand.OPTIONS,
            Map.of("CONSERVER_WORKERS", "5", "CONSERVER_VCON_CONCURRENCY", "16"));

    assertThat(options.intValue("workers", 1, 0)).isEqualTo(3);
    assertThat(options.intValue("concurrency", 1, 1)).isEqualTo(16);
  }

  @Test
  void acceptsNameEqualsValueAndFlags() {
    ParsedOptions options =
        ParsedOptions.parse(
            new String[] {"--count=4", "--with-context"}, ProduceCommand.OPTIONS, Map.of());

    assertThat(options.intValue("count", 1, 0)).isEqualTo(4);
    assertThat(options.flag("with-context")).isTrue();
    assertThat(options.asArguments()).containsExactly("--count", "4", "--with-context");
  }

  @Test
  void rejectsUnknownOptionsAndBadNumbers() {
    assertThatThrownBy(
            () ->
                ParsedOptions.parse(new String[] {"--wrokers", "2"}, RunCommand.OPTIONS, Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--wrokers");
    ParsedOptions options =
        ParsedOptions.parse(new String[] {"--concurrency", "zero"}, RunCommand.OPTIONS, Map.of());
    assertThatThrownBy(() -> options.intValue("concurrency", 1, 1))
        .hasMessageContaining("whole number");
  }

  @Test
  void helpListsEveryOption() {
    String usage = RunCommand.usage();

    RunCommand.OPTIONS.forEach(spec -> assertThat(usage).contains("--" + spec.name()));
    assertThat(ProduceCommand.usage())
        .contains("--count", "--ingress", "--with-context", "--ids-out");
  }
}
