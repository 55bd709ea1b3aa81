package dev.vcon.agent.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PatchLoggerTest {
  private final List<String> received = new ArrayList<>();

  @AfterEach
  void uninstall() {
    PatchLogger.install(null);
  }

  private void installRecordingSink() {
    PatchLogger.install(
        (logger, level, message, thrown) ->
            received.add(
                logger + " " + level + " " + message + (thrown == null ? "" : " " + thrown)));
  }

  @Test
  void warningsAndAboveReachTheSinkWithTheirLoggerAndThrowable() {
    installRecordingSink();
    PatchLogger logger = PatchLogger.getLogger("lib.Exporter");
    logger.log(Level.SEVERE, "failed", new IllegalStateException("down"));
    logger.warning("slow");
    logger.log(Level.WARNING, () -> "supplied");
    assertThat(received)
        .containsExactly(
            "lib.Exporter SEVERE failed java.lang.IllegalStateException: down",
            "lib.Exporter WARNING slow",
            "lib.Exporter WARNING supplied");
  }

  @Test
  void belowWarningNothingIsLoggableAndNothingArrives() {
    installRecordingSink();
    PatchLogger logger = PatchLogger.getLogger("lib");
    assertThat(logger.isLoggable(Level.INFO)).isFalse();
    assertThat(logger.isLoggable(Level.FINE)).isFalse();
    logger.log(Level.FINE, "detail");
    logger.info("info");
    logger.fine("fine");
    logger.log(Level.INFO, "{0}", "param");
    assertThat(received).isEmpty();
  }

  @Test
  void withoutASinkNothingIsLoggable() {
    PatchLogger logger = PatchLogger.getLogger("lib");
    assertThat(logger.isLoggable(Level.SEVERE)).isFalse();
    logger.severe("dropped"); // and no failure
  }

  @Test
  void parametersAreSubstitutedAsJulDoes() {
    installRecordingSink();
    PatchLogger logger = PatchLogger.getLogger("lib");
    logger.log(Level.WARNING, "{0} of {1}", new Object[] {"one", 2});
    logger.log(Level.WARNING, "single {0}", "x");
    logger.log(Level.WARNING, "braces {not a param}", new Object[] {"x"});
    assertThat(received)
        .containsExactly(
            "lib WARNING one of 2", "lib WARNING single x", "lib WARNING braces {not a param}");
  }

  @Test
  void aFailingSinkNeverReachesTheCaller() {
    PatchLogger.install(
        (logger, level, message, thrown) -> {
          throw new IllegalStateException("sink broke");
        });
    PatchLogger.getLogger("lib").log(Level.SEVERE, "failed");
  }
}
