package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LayeredSettingsTest {

  private static final String KEY = "vcon.agent.chain.vcon-id";
  private static final String ENV = "VCON_AGENT_CHAIN_VCON_ID";

  @Test
  void environmentNameIsUpperCaseWithUnderscores() {
    assertThat(LayeredSettings.environmentName("vcon.agent.chain.vcon-id")).isEqualTo(ENV);
    assertThat(LayeredSettings.environmentName("otel.exporter.otlp.endpoint"))
        .isEqualTo("OTEL_EXPORTER_OTLP_ENDPOINT");
  }

  @Test
  void systemPropertyBeatsEnvironmentBeatsFile() {
    Map<String, String> file = Map.of(KEY, "file");
    Map<String, String> env = Map.of(ENV, "env");
    Map<String, String> sys = Map.of(KEY, "sys");
    assertThat(new LayeredSettings(sys, env, file).get(KEY)).isEqualTo("sys");
    assertThat(new LayeredSettings(null, env, file).get(KEY)).isEqualTo("env");
    assertThat(new LayeredSettings(null, null, file).get(KEY)).isEqualTo("file");
    assertThat(new LayeredSettings(null, null, null).get(KEY)).isNull();
  }

  @Test
  void environmentIsOnlyReadByItsMappedName() {
    LayeredSettings s = new LayeredSettings(null, Map.of(KEY, "wrong form"), null);
    assertThat(s.get(KEY)).isNull();
  }

  @Test
  void valuesAreTrimmed() {
    assertThat(new LayeredSettings(Map.of(KEY, "  x  "), null, null).get(KEY)).isEqualTo("x");
  }

  @Test
  void blankValueMasksLowerSourcesSoTheFileCanBeOverruledToOff() {
    LayeredSettings s = new LayeredSettings(Map.of(KEY, " "), null, Map.of(KEY, "file"));
    assertThat(s.get(KEY)).isNull();
    assertThat(s.get(KEY, "fallback")).isEqualTo("fallback");
  }

  @Test
  void fileOtelKeysAreLayeredWithSystemPropertiesAndEnvironmentWinning() {
    Map<String, String> file =
        Map.of(
            "otel.service.name", "from-file",
            "otel.exporter.otlp.endpoint", "http://file:4317",
            "otel.traces.exporter", "otlp",
            "vcon.agent.enabled", "true");
    LayeredSettings s =
        new LayeredSettings(
            Map.of("otel.service.name", "from-sys", "otel.metrics.exporter", "none"),
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4317"),
            file);
    assertThat(s.fileKeysWithPrefix("otel."))
        .containsOnly(
            Map.entry("otel.service.name", "from-sys"),
            Map.entry("otel.exporter.otlp.endpoint", "http://env:4317"),
            Map.entry("otel.traces.exporter", "otlp"));
  }
}
