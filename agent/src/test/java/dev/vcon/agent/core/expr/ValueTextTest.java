package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueTextTest {

  @Test
  void shortTextIsTheSameInstance() {
    String name = "main";
    assertThat(ValueText.limit(name, 1000)).isSameAs(name);
  }

  @Test
  void longTextIsCutToTheLimit() {
    assertThat(ValueText.limit("abcdef", 3)).isEqualTo("abc");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "ab\uD83D\uDE00cd";
    assertThat(ValueText.limit(emoji, 3)).isEqualTo("ab");
    assertThat(ValueText.limit(emoji, 4)).isEqualTo("ab\uD83D\uDE00");
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertThat(ValueText.limit("a\uD800b\uDC00c\uD83D\uDE00", 100))
        .isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
    assertThat(ValueText.limit("x\uD800", 100)).isEqualTo("x\uFFFD");
  }

  @Test
  void aThrowingOrNullToStringGivesNoValue() {
    Object throwing =
        new Object() {
          @Override
          public String toString() {
            throw new StackOverflowError();
          }
        };
    Object nullText =
        new Object() {
          @Override
          public String toString() {
            return null;
          }
        };
    assertThat(ValueText.of(throwing, 10)).isNull();
    assertThat(ValueText.of(nullText, 10)).isNull();
    assertThat(ValueText.of(null, 10)).isNull();
    assertThat(ValueText.of(12345, 3)).isEqualTo("123");
  }

  @Test
  void aLineFragmentHasNoLineBreaksAndABoundedLength() {
    assertThat(ValueText.forLine("one\ntwo\r\tthree", 100)).isEqualTo("one\\ntwo\\r\\tthree");
    String cut = ValueText.forLine("x".repeat(5000), 200);
    assertThat(cut).startsWith("x".repeat(200)).endsWith("...(5000 chars)").hasSize(215);
    assertThat(ValueText.forLine(null, 10)).isEqualTo("null");
  }
}
