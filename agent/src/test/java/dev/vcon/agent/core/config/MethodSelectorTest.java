package dev.vcon.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodSelectorTest {

  @Test
  void validSelectorExposesTypeInternalNameAndMethod() {
    MethodSelector s = MethodSelector.parse(" com.acme.Link#run ");
    assertThat(s.typeName()).isEqualTo("com.acme.Link");
    assertThat(s.internalTypeName()).isEqualTo("com/acme/Link");
    assertThat(s.methodName()).isEqualTo("run");
    assertThat(s).hasToString("com.acme.Link#run");
  }

  @Test
  void nestedTypeUsesDollar() {
    MethodSelector s = MethodSelector.parse("com.acme.Outer$Inner#save");
    assertThat(s.typeName()).isEqualTo("com.acme.Outer$Inner");
    assertThat(s.internalTypeName()).isEqualTo("com/acme/Outer$Inner");
  }

  @Test
  void typeInTheDefaultPackageIsAllowed() {
    assertThat(MethodSelector.parse("Link#run").internalTypeName()).isEqualTo("Link");
  }

  @Test
  void severalSelectorsParseInOrderWithoutDuplicates() {
    List<MethodSelector> list =
        MethodSelector.parseList("com.acme.A#run, com.acme.B#save ,com.acme.A#run");
    assertThat(list)
        .extracting(MethodSelector::toString)
        .containsExactly("com.acme.A#run", "com.acme.B#save");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "com.acme.Link",
        "#run",
        "com.acme.Link#",
        "com.acme.Link#run#x",
        "com..Link#run",
        ".com.Link#run",
        "com.acme.Link.#run",
        "com.1acme.Link#run",
        "com.acme.Link#r-un",
        "com.acme.Link#run()",
        "com acme.Link#run",
        "com/acme/Link#run",
        "com.acme.class#run",
        "com.acme.Link#new"
      })
  void badFormsAreRejected(String text) {
    assertThatThrownBy(() -> MethodSelector.parse(text))
        .isInstanceOf(InvalidSettingException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "com.acme.A#run,",
        ",com.acme.A#run",
        "com.acme.A#run,,com.acme.B#x",
        "a.B#c,bad"
      })
  void badListsAreRejected(String text) {
    assertThatThrownBy(() -> MethodSelector.parseList(text))
        .isInstanceOf(InvalidSettingException.class);
  }
}
