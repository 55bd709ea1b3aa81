package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.agent.core.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionParseTest {

  @Test
  void thisWithStepsParses() {
    Expression e = Expression.parse("  this.chainDetails.name ");
    assertThat(e.text()).isEqualTo("this.chainDetails.name");
    assertThat(e.isConstant()).isFalse();
    assertThat(e.rootIndex()).isEqualTo(-1);
    assertThat(e.steps()).containsExactly("chainDetails", "name");
  }

  @Test
  void argNParsesWithItsIndex() {
    assertThat(Expression.parse("arg0").rootIndex()).isZero();
    assertThat(Expression.parse("arg12.id").rootIndex()).isEqualTo(12);
    assertThat(Expression.parse("arg12.id").steps()).containsExactly("id");
  }

  @Test
  void quotedLiteralIsAConstant() {
    Expression e = Expression.parse("'main'");
    assertThat(e.isConstant()).isTrue();
    assertThat(e.constantValue()).isEqualTo("main");
    assertThat(e.bind(line -> {}).evaluate(null, null)).isEqualTo("main");
    assertThat(Expression.parse("\"with space.dot\"").constantValue()).isEqualTo("with space.dot");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "foo",
        "this.",
        "this..x",
        ".x",
        "arg",
        "arg-1",
        "arg01",
        "argx",
        "this.1x",
        "this.a-b",
        "this x",
        "'unterminated",
        "'a'b'",
        "Arg0",
        "self.name",
        "arg1234"
      })
  void malformedExpressionsAreRejected(String text) {
    assertThatThrownBy(() -> Expression.parse(text)).isInstanceOf(InvalidSettingException.class);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Expression.parse(null)).isInstanceOf(InvalidSettingException.class);
  }
}
