package dev.vcon.agent.core.config;

import dev.vcon.agent.core.expr.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one role instruments and where its values come from. Immutable.
 *
 * <p>A role is off (see {@link #enabled()}) when its methods are not set, or when any of its
 * settings does not parse; then {@link #selectors()} is empty and the expressions are null. There
 * are no built-in methods or expressions: a role whose methods are set needs its required
 * expressions ({@link Role#requiredExpressions()}); its optional ones (a chain's context, a link's
 * index, an enqueue's source...) are simply absent when unset.
 */
public final class RoleConfig {

  static final String METHODS = "methods";
  static final String NAME = "name";
  static final String VCON_ID = "vcon-id";
  static final String INDEX = "index";
  static final String CONTEXT = "context";
  static final String QUEUE = "queue";
  static final String SOURCE = "source";
  static final String KIND = "kind";
  static final String CARRIER = "carrier";

  private final Role role;
  private final List<MethodSelector> selectors;
  private final Map<String, Expression> expressions;

  private RoleConfig(
      Role role, List<MethodSelector> selectors, Map<String, Expression> expressions) {
    this.role = role;
    this.selectors = Collections.unmodifiableList(selectors);
    this.expressions = expressions;
  }

  static RoleConfig off(Role role) {
    return new RoleConfig(role, Collections.emptyList(), Collections.emptyMap());
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
    Map<String, Expression> expressions = new HashMap<>();
    List<String> suffixes = new ArrayList<>(role.requiredExpressions());
    suffixes.addAll(role.optionalExpressions());
    for (String suffix : suffixes) {
      boolean required = role.requiredExpressions().contains(suffix);
      String key = role.key(suffix);
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
        expressions.put(suffix, Expression.parse(text));
      } catch (InvalidSettingException e) {
        problems.accept(invalid(role, key, text, Expression.EXPECTED_FORM));
        ok = false;
      }
    }
    if (!ok) {
      return off(role);
    }
    return new RoleConfig(role, selectors, Collections.unmodifiableMap(expressions));
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

  /** The chain, link or storage name; null when the role is off, a queue role or egress. */
  public Expression name() {
    return expressions.get(NAME);
  }

  /** The vCon uuid; chain, link, storage and (optional) dlq roles, else null. */
  public Expression vconId() {
    return expressions.get(VCON_ID);
  }

  /** The link's position in the chain; link role only, optional (null). */
  public Expression index() {
    return expressions.get(INDEX);
  }

  /** The upstream trace context; chain role only, optional (null). */
  public Expression context() {
    return expressions.get(CONTEXT);
  }

  /** The list's name; receive, dlq, enqueue and queue-length roles; null only when off. */
  public Expression queue() {
    return expressions.get(QUEUE);
  }

  /** Where enqueued vCons come from; enqueue role only, optional (null). */
  public Expression source() {
    return expressions.get(SOURCE);
  }

  /** {@code ingress} or {@code dlq}; queue-length role only, optional (null). */
  public Expression kind() {
    return expressions.get(KIND);
  }

  /** The map the vCon's root context is put into; egress role only, required. */
  public Expression carrier() {
    return expressions.get(CARRIER);
  }

  @Override
  public String toString() {
    return role.label() + (enabled() ? selectors.toString() : "[off]");
  }
}
