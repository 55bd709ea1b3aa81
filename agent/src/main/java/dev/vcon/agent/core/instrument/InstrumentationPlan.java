package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.MethodSelector;
import dev.vcon.agent.core.config.RoleConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which methods of which types (and their subtypes) get which role, indexed by type name. */
public final class InstrumentationPlan {

  private final Map<String, List<MethodTarget>> byType;

  private InstrumentationPlan(Map<String, List<MethodTarget>> byType) {
    this.byType = byType;
  }

  public static InstrumentationPlan of(Collection<RoleConfig> roles) {
    Map<String, List<MethodTarget>> byType = new HashMap<>();
    for (RoleConfig role : roles) {
      if (!role.enabled()) {
        continue;
      }
      for (MethodSelector selector : role.selectors()) {
        List<MethodTarget> targets = byType.get(selector.internalTypeName());
        if (targets == null) {
          targets = new ArrayList<>();
          byType.put(selector.internalTypeName(), targets);
        }
        targets.add(new MethodTarget(role.role(), selector));
      }
    }
    return new InstrumentationPlan(byType);
  }

  public boolean isEmpty() {
    return byType.isEmpty();
  }

  /** Internal names (com/acme/Link) of the types that selectors name. */
  Set<String> targetTypes() {
    return Collections.unmodifiableSet(byType.keySet());
  }

  /** The targets that apply to a type whose supertypes (itself included) reach these types. */
  List<MethodTarget> targetsFor(Set<String> reachedTypes) {
    List<MethodTarget> targets = new ArrayList<>();
    for (String type : reachedTypes) {
      List<MethodTarget> forType = byType.get(type);
      if (forType != null) {
        targets.addAll(forType);
      }
    }
    return targets;
  }

  List<MethodTarget> targetsNaming(String type) {
    List<MethodTarget> forType = byType.get(type);
    return forType == null ? Collections.<MethodTarget>emptyList() : forType;
  }

  /** The method names selectors name, for the transformer's byte-level pre-filter. */
  List<String> methodNames() {
    List<String> names = new ArrayList<>();
    for (List<MethodTarget> targets : byType.values()) {
      for (MethodTarget target : targets) {
        names.add(target.methodName());
      }
    }
    return names;
  }

  List<MethodTarget> allTargets() {
    List<MethodTarget> all = new ArrayList<>();
    for (List<MethodTarget> targets : byType.values()) {
      all.addAll(targets);
    }
    return all;
  }
}
