package dev.vcon.agent.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.agent.core.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareModeTest {

  private final List<String> problems = new ArrayList<>();

  private ShareMode read(String value) {
    Map<String, String> values = new HashMap<>();
    if (value != null) {
      values.put(ShareMode.KEY, value);
    }
    Settings settings = values::get;
    return ShareMode.read(settings, problems::add);
  }

  @Test
  void autoIsTheDefault() {
    assertThat(read(null)).isEqualTo(ShareMode.AUTO);
    assertThat(problems).isEmpty();
  }

  @Test
  void autoAndNoneAreAcceptedInAnyCase() {
    assertThat(read("None")).isEqualTo(ShareMode.NONE);
    assertThat(read(" AUTO ")).isEqualTo(ShareMode.AUTO);
    assertThat(problems).isEmpty();
  }

  @Test
  void aBadValueIsOneLineNamingSettingValueAndFixAndSharingStaysAuto() {
    assertThat(read("off")).isEqualTo(ShareMode.AUTO);
    assertThat(problems)
        .containsExactly(
            "vcon-otel-agent: invalid setting vcon.agent.context.share='off': expected auto or"
                + " none; using auto");
  }
}
