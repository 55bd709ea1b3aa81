package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.MethodSelector;
import dev.vcon.agent.core.config.Role;

/** A method name to instrument in a type (or its subtypes), and the role it plays. */
final class MethodTarget {

  final Role role;
  final MethodSelector selector;

  MethodTarget(Role role, MethodSelector selector) {
    this.role = role;
    this.selector = selector;
  }

  String typeName() {
    return selector.internalTypeName();
  }

  String methodName() {
    return selector.methodName();
  }
}
