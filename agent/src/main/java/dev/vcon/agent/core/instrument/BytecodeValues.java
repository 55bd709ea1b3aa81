package dev.vcon.agent.core.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The small bytecode idioms {@link DispatchMethodVisitor} writes: constants, boxing, frame types.
 */
final class BytecodeValues {

  private BytecodeValues() {}

  /** How a value of {@code type} appears in a stack map frame. */
  static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName(); // a class's internal name, an array's descriptor
    }
  }

  /** Boxes the primitive on top of the stack ({@code Integer.valueOf} and the like). */
  static void box(MethodVisitor mv, Type type) {
    String owner;
    switch (type.getSort()) {
      case Type.BOOLEAN:
        owner = "java/lang/Boolean";
        break;
      case Type.BYTE:
        owner = "java/lang/Byte";
        break;
      case Type.CHAR:
        owner = "java/lang/Character";
        break;
      case Type.SHORT:
        owner = "java/lang/Short";
        break;
      case Type.INT:
        owner = "java/lang/Integer";
        break;
      case Type.FLOAT:
        owner = "java/lang/Float";
        break;
      case Type.LONG:
        owner = "java/lang/Long";
        break;
      case Type.DOUBLE:
        owner = "java/lang/Double";
        break;
      default:
        return;
    }
    mv.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        owner,
        "valueOf",
        "(" + type.getDescriptor() + ")L" + owner + ";",
        false);
  }

  /** Pushes an int constant with the shortest instruction. */
  static void push(MethodVisitor mv, int number) {
    if (number >= -1 && number <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + number);
    } else if (number >= Byte.MIN_VALUE && number <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, number);
    } else if (number >= Short.MIN_VALUE && number <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, number);
    } else {
      mv.visitLdcInsn(number);
    }
  }
}
