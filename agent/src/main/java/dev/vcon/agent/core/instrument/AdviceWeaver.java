package dev.vcon.agent.core.instrument;

import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves {@link DispatchAdvice} into the methods of one class file with Byte Buddy's {@code
 * Advice}; used only for class files older than Java 6, {@link DispatchWeaver} weaves the rest. It
 * adds no fields or methods (the same class-format restriction as {@code
 * AgentBuilder.disableClassFormatChanges()}), so classes that are already loaded can be
 * retransformed too.
 */
final class AdviceWeaver {

  private final ByteBuddy byteBuddy =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(Implementation.Context.Disabled.Factory.INSTANCE)
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
          .with(InstrumentedType.Factory.Default.FROZEN);
  private final TypeDescription adviceType = TypeDescription.ForLoadedType.of(DispatchAdvice.class);
  private final ClassFileLocator adviceLocator =
      ClassFileLocator.ForClassLoader.of(DispatchAdvice.class.getClassLoader());
  private final MethodRegistry<?> registry;

  AdviceWeaver(MethodRegistry<?> registry) {
    this.registry = registry;
  }

  /** The woven class file, or null when no declared method matches a target. */
  byte[] weave(
      ClassLoader loader, String internalName, byte[] classFile, List<MethodTarget> targets) {
    String binaryName = internalName.replace('/', '.');
    ClassFileLocator locator =
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(binaryName, classFile),
            loader == null
                ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    TypeDescription type =
        TypePool.Default.WithLazyResolution.of(locator).describe(binaryName).resolve();
    DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
    boolean woven = false;
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      MethodTarget target = targetFor(method, targets);
      if (target == null) {
        continue;
      }
      InstrumentedMethod registered =
          registry.register(target.role, binaryName, describe(type, method));
      builder =
          builder.visit(
              Advice.withCustomMapping()
                  .bind(MethodId.class, registered.id())
                  .to(adviceType, adviceLocator)
                  .on(ElementMatchers.is(method)));
      woven = true;
    }
    return woven ? builder.make().getBytes() : null;
  }

  /**
   * Bridge and synthetic methods are skipped: a generic interface's bridge delegates to the real
   * method, and matching both would record every call twice.
   */
  private static MethodTarget targetFor(MethodDescription method, List<MethodTarget> targets) {
    if (!method.isMethod()
        || method.isAbstract()
        || method.isNative()
        || method.isBridge()
        || method.isSynthetic()) {
      return null;
    }
    for (MethodTarget target : targets) {
      if (target.methodName().equals(method.getName())) {
        return target;
      }
    }
    return null;
  }

  private static String describe(TypeDescription type, MethodDescription method) {
    StringBuilder text =
        new StringBuilder(type.getName()).append('#').append(method.getName()).append('(');
    boolean first = true;
    for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
      if (!first) {
        text.append(", ");
      }
      text.append(parameter.getSimpleName());
      first = false;
    }
    return text.append(')').toString();
  }
}
