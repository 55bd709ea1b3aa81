package dev.vcon.agent.core.instrument;

import net.bytebuddy.jar.asm.Type;

/**
 * How a woven method is named in the method registry and in problem lines: {@code
 * a.b.Chain#process(String, int[])}, the parameters by simple name, read from the descriptor alone
 * (no other class file is read for it).
 */
final class MethodDescriptions {

  private MethodDescriptions() {}

  static String describe(String binaryTypeName, String methodName, String descriptor) {
    StringBuilder text =
        new StringBuilder(binaryTypeName).append('#').append(methodName).append('(');
    boolean first = true;
    for (Type parameter : Type.getArgumentTypes(descriptor)) {
      if (!first) {
        text.append(", ");
      }
      text.append(simpleName(parameter));
      first = false;
    }
    return text.append(')').toString();
  }

  private static String simpleName(Type type) {
    if (type.getSort() == Type.ARRAY) {
      StringBuilder name = new StringBuilder(simpleName(type.getElementType()));
      for (int i = 0; i < type.getDimensions(); i++) {
        name.append("[]");
      }
      return name.toString();
    }
    String name = type.getClassName();
    name = name.substring(name.lastIndexOf('.') + 1);
    // a nested class by its own name, as Class.getSimpleName gives it
    int dollar = name.lastIndexOf('$');
    if (dollar >= 0 && dollar + 1 < name.length() && !Character.isDigit(name.charAt(dollar + 1))) {
      name = name.substring(dollar + 1);
    }
    return name;
  }
}
