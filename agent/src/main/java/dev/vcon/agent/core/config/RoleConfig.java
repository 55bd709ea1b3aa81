package dev.vcon.agent.core.config;

import dev.vcon.agent.core.expr.Expression;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one role instruments and where its values come from. Immutable.
 *
 * <p>A role is off (see {@link #enabled()}) when its methods are not set, or when any of its
 * settings does not parse; then {@link #selectors()} is empty and the expressions are null. There
 * are no built-in methods or expressions: a role whose methods are set needs its name and vCon id
 * expressions; its optional ones (a chain's context, a link's index) are simply absent when unset.
 */
public final class RoleConfig {

  static final String METHODS = "methods";
  static final String NAME = "name";
  static final String VCON_ID = "vcon-id";
  static final String INDEX = "index";
  static final String CONTEXT = "context";

  private final Role role;
  private final List<MethodSelector> selectors;
  private final Expression name;
  private final Expression vconId;
  private final Expression index;
  private final Expression context;

  RoleConfig(
      Role role,
      List<MethodSelector> selectors,
      Expression name,
      Expression vconId,
      Expression index,
      Expression context) {
    this.role = role;
    this.selectors = Collections.unmodifiableList(selectors);
    this.name = name;
    this.vconId = vconId;
    this.index = index;
    this.context = context;
  }

  static RoleConfig off(Role role) {
    return new RoleConfig(role, Collections.emptyList(), null, null, null, null);
  }

  /**
   * Reads the role's keys; every bad value is one problem line and turns the role off, but all of
   * the role's keys are still checked so the user sees every mistake at once.
   */
  static RoleConfig read(Role role, Settings settings, Consumer<String> problems) {
    String methodsKey = role.key(METHODS);
    String methods = settings.get(methodsKey);
    if (methods == null) {
      return off(role); // not configured, or blanked: nothing to instrument, nothing to report
    }
    boolean ok = true;
    List<MethodSelector> selectors = Collections.emptyList();
    try {
      selectors = MethodSelector.parseList(methods);
    } catch (InvalidSettingException e) {
      problems.accept(invalid(role, methodsKey, methods, MethodSelector.EXPECTED_LIST_FORM));
      ok = false;
    }
    Expression[] expressions = new Expression[4];
    String[] suffixes = {NAME, VCON_ID, INDEX, CONTEXT};
    for (int i = 0; i < suffixes.length; i++) {
      boolean required = i < 2;
      boolean applies = required || (i == 2 && role == Role.LINK) || (i == 3 && role == Role.CHAIN);
      if (!applies) {
        continue;
      }
      String key = role.key(suffixes[i]);
      String text = settings.get(key);
      if (text == null) {
        if (required) {
          problems.accept(
              AgentConfig.PROBLEM_PREFIX
                  + "missing setting "
                  + key
                  + ": expected "
                  + Expression.EXPECTED_FORM
                  + "; the "
                  + role.label()
                  + " role is off");
          ok = false;
        }
        continue;
      }
      try {
        expressions[i] = Expression.parse(text);
      } catch (InvalidSettingException e) {
        problems.accept(invalid(role, key, text, Expression.EXPECTED_FORM));
        ok = false;
      }
    }
    if (!ok) {
      return off(role);
    }
    return new RoleConfig(
        role, selectors, expressions[0], expressions[1], expressions[2], expressions[3]);
  }

  private static String invalid(Role role, String key, String value, String expected) {
    return AgentConfig.PROBLEM_PREFIX
        + "invalid setting "
        + key
        + "='"
        + value
        + "': expected "
        + expected
        + "; the "
        + role.label()
        + " role is off";
  }

  public Role role() {
    return role;
  }

  /** True when the role has methods to instrument and all its settings parsed. */
  public boolean enabled() {
    return !selectors.isEmpty();
  }

  /** The methods to instrument; empty when the role is off. */
  public List<MethodSelector> selectors() {
    return selectors;
  }

  /** The chain, link or storage name; null only when the role is off. */
  public Expression name() {
    return name;
  }

  /** The vCon uuid; null only when the role is off. */
  public Expression vconId() {
    return vconId;
  }

  /** The link's position in the chain; link role only, optional (null). */
  public Expression index() {
    return index;
  }

  /** The upstream trace context; chain role only, optional (null). */
  public Expression context() {
    return context;
  }

  @Override
  public String toString() {
    return role.label() + (enabled() ? selectors.toString() : "[off]");
  }
}
