package dev.vcon.agent.core.instrument;

import dev.vcon.agent.core.config.Role;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Tells the user, once per selector, when a selector cannot match: its type was loaded but declares
 * no method of that name, or (reported at exit) its type was never seen at all.
 */
final class SelectorCoverage {

  private final InstrumentationPlan plan;
  private final Consumer<String> problems;
  private final Set<String> seenTypes = ConcurrentHashMap.newKeySet();
  private final Set<String> matchedSelectors = ConcurrentHashMap.newKeySet();
  private final Set<Role> matchedRoles = ConcurrentHashMap.newKeySet();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  SelectorCoverage(InstrumentationPlan plan, Consumer<String> problems) {
    this.plan = plan;
    this.problems = problems;
  }

  /** Called when a type that a selector names is defined; checks it declares the method. */
  void typeSeen(String internalName, byte[] classFile) {
    if (!seenTypes.add(internalName)) {
      return;
    }
    List<MethodTarget> targets = plan.targetsNaming(internalName);
    if (targets.isEmpty()) {
      return;
    }
    Set<String> declared = declaredMethodNames(classFile);
    for (MethodTarget target : targets) {
      if (!declared.contains(target.methodName()) && reported.add(target.selector.toString())) {
        problems.accept(
            "vcon-otel-agent: selector "
                + target.selector.toString()
                + " ("
                + target.role.prefix()
                + ".methods) matches nothing: "
                + internalName.replace('/', '.')
                + " declares no method "
                + target.methodName());
      }
    }
  }

  void matched(MethodTarget target) {
    matchedSelectors.add(target.selector.toString());
    matchedRoles.add(target.role);
  }

  /**
   * At exit: selectors whose type never appeared in any class loader, among roles that matched
   * something else in this process. One properties file serves all of a service's processes (a
   * supervisor, workers, a producer), so a role none of whose classes this process loads is not a
   * mistake; a selector beside one that matched most likely is (a typo).
   */
  void reportNeverSeen() {
    for (MethodTarget target : plan.allTargets()) {
      String selector = target.selector.toString();
      if (matchedRoles.contains(target.role)
          && !matchedSelectors.contains(selector)
          && !seenTypes.contains(target.typeName())
          && reported.add(selector)) {
        problems.accept(
            "vcon-otel-agent: selector "
                + selector
                + " ("
                + target.role.prefix()
                + ".methods) matched nothing: no class "
                + target.typeName().replace('/', '.')
                + " was loaded");
      }
    }
  }

  private static Set<String> declaredMethodNames(byte[] classFile) {
    Set<String> names = new java.util.HashSet<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access,
                  String name,
                  String descriptor,
                  String signature,
                  String[] exceptions) {
                names.add(name);
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return names;
  }
}
