package dev.vcon.agent.core.expr;

import dev.vcon.agent.core.config.InvalidSettingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A parsed value expression: {@code this} or {@code argN} (0-based) followed by any number of
 * {@code .name} steps, or a quoted constant such as {@code 'main'}.
 *
 * <p>This is only the parsed, immutable form. {@link #bind(Consumer)} creates an evaluator with its
 * own accessor caches, so each instrumented site can have its own.
 */
public final class Expression {

  /** The expected form, quoted in problem lines. */
  public static final String EXPECTED_FORM =
      "this or argN followed by .name steps (e.g. this.chainDetails.name, arg0), or a quoted"
          + " 'constant'";

  /** {@link #rootIndex()} of an expression rooted at {@code this}. */
  static final int THIS = -1;

  private final String text;
  private final String constant;
  private final int rootIndex;
  private final List<String> steps;

  private Expression(String text, String constant, int rootIndex, List<String> steps) {
    this.text = text;
    this.constant = constant;
    this.rootIndex = rootIndex;
    this.steps = steps;
  }

  /**
   * Parses an expression; surrounding whitespace is ignored.
   *
   * @throws InvalidSettingException when the text is not a valid expression
   */
  public static Expression parse(String text) {
    if (text == null || text.trim().isEmpty()) {
      throw new InvalidSettingException("no expression given");
    }
    String trimmed = text.trim();
    char first = trimmed.charAt(0);
    if (first == '\'' || first == '"') {
      if (trimmed.length() < 2 || trimmed.charAt(trimmed.length() - 1) != first) {
        throw new InvalidSettingException("unterminated constant " + trimmed);
      }
      String value = trimmed.substring(1, trimmed.length() - 1);
      if (value.indexOf(first) >= 0) {
        throw new InvalidSettingException("quote inside constant " + trimmed);
      }
      return new Expression(trimmed, value, THIS, Collections.emptyList());
    }
    String[] parts = trimmed.split("\\.", -1);
    int root = parseRoot(parts[0]);
    List<String> steps = new ArrayList<>(parts.length - 1);
    for (int i = 1; i < parts.length; i++) {
      String step = parts[i];
      if (!isIdentifier(step)) {
        throw new InvalidSettingException("'" + step + "' is not a step name in " + trimmed);
      }
      steps.add(step);
    }
    return new Expression(trimmed, null, root, Collections.unmodifiableList(steps));
  }

  private static int parseRoot(String root) {
    if (root.equals("this")) {
      return THIS;
    }
    if (root.length() > 3 && root.startsWith("arg")) {
      String digits = root.substring(3);
      // Digits only, no sign, no leading zeros beyond "0", and small enough to be an index.
      if (digits.length() <= 3
          && allDigits(digits)
          && (digits.length() == 1 || digits.charAt(0) != '0')) {
        return Integer.parseInt(digits);
      }
    }
    throw new InvalidSettingException("'" + root + "' is neither this nor argN");
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The expression as written (trimmed). */
  public String text() {
    return text;
  }

  /** True for a quoted constant, whose value does not depend on the call. */
  public boolean isConstant() {
    return constant != null;
  }

  /** The constant's value, or null when {@link #isConstant()} is false. */
  public String constantValue() {
    return constant;
  }

  /** The argument index the expression starts from, or -1 for {@code this} (and constants). */
  int rootIndex() {
    return rootIndex;
  }

  /** The step names after the root, in order. */
  List<String> steps() {
    return steps;
  }

  /**
   * Creates an evaluator with its own caches.
   *
   * @param onceProblem receives at most one line, the first time evaluation hits a step that no
   *     getter, field or map serves (or an argument index out of range)
   */
  public BoundExpression bind(Consumer<String> onceProblem) {
    return new BoundExpression(this, onceProblem);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Expression && ((Expression) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  private static boolean allDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
