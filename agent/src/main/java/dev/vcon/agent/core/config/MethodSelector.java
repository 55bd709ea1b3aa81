package dev.vcon.agent.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code fully.qualified.Type#method} selector. It names every overload of the method, and
 * every implementation when the type is an interface or abstract class; the matching itself is done
 * by the instrumentation, this class only parses and validates.
 */
public final class MethodSelector {

  /** The expected form, quoted in problem lines. */
  public static final String EXPECTED_LIST_FORM = "fully.qualified.Type#method[,Type#method...]";

  private final String typeName;
  private final String methodName;

  private MethodSelector(String typeName, String methodName) {
    this.typeName = typeName;
    this.methodName = methodName;
  }

  /** The binary type name, e.g. {@code com.acme.Outer$Inner}. */
  public String typeName() {
    return typeName;
  }

  /** The internal type name, e.g. {@code com/acme/Outer$Inner}. */
  public String internalTypeName() {
    return typeName.replace('.', '/');
  }

  public String methodName() {
    return methodName;
  }

  /**
   * Parses one selector; surrounding whitespace is ignored.
   *
   * @throws InvalidSettingException when the text is not {@code Type#method} with Java identifiers
   */
  public static MethodSelector parse(String text) {
    if (text == null) {
      throw new InvalidSettingException("no selector given");
    }
    String trimmed = text.trim();
    int hash = trimmed.indexOf('#');
    if (hash < 0 || hash != trimmed.lastIndexOf('#')) {
      throw new InvalidSettingException("'" + trimmed + "' is not of the form Type#method");
    }
    String type = trimmed.substring(0, hash);
    String method = trimmed.substring(hash + 1);
    // Every dot-separated segment must be an identifier; '$' (nested types) is an identifier part.
    for (String segment : type.split("\\.", -1)) {
      if (!isIdentifier(segment)) {
        throw new InvalidSettingException("'" + type + "' is not a fully qualified type name");
      }
    }
    if (!isIdentifier(method)) {
      throw new InvalidSettingException("'" + method + "' is not a method name");
    }
    return new MethodSelector(type, method);
  }

  /**
   * Parses a comma-separated list of selectors (blank entries are not allowed).
   *
   * @throws InvalidSettingException when the list is empty or any entry does not parse
   */
  public static List<MethodSelector> parseList(String text) {
    if (text == null || text.trim().isEmpty()) {
      throw new InvalidSettingException("no selector given");
    }
    List<MethodSelector> selectors = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      MethodSelector selector = parse(part);
      if (!selectors.contains(selector)) {
        selectors.add(selector);
      }
    }
    return Collections.unmodifiableList(selectors);
  }

  // Not javax.lang.model.SourceVersion.isName: the java.compiler module may be absent from a
  // trimmed runtime image the host runs on.
  private static final Set<String> KEYWORDS =
      new HashSet<>(
          Arrays.asList(
              "abstract",
              "assert",
              "boolean",
              "break",
              "byte",
              "case",
              "catch",
              "char",
              "class",
              "const",
              "continue",
              "default",
              "do",
              "double",
              "else",
              "enum",
              "extends",
              "final",
              "finally",
              "float",
              "for",
              "goto",
              "if",
              "implements",
              "import",
              "instanceof",
              "int",
              "interface",
              "long",
              "native",
              "new",
              "package",
              "private",
              "protected",
              "public",
              "return",
              "short",
              "static",
              "strictfp",
              "super",
              "switch",
              "synchronized",
              "this",
              "throw",
              "throws",
              "transient",
              "try",
              "void",
              "volatile",
              "while",
              "true",
              "false",
              "null",
              "_"));

  static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) || KEYWORDS.contains(s)) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MethodSelector)) {
      return false;
    }
    MethodSelector other = (MethodSelector) o;
    return typeName.equals(other.typeName) && methodName.equals(other.methodName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(typeName, methodName);
  }

  @Override
  public String toString() {
    return typeName + '#' + methodName;
  }
}
