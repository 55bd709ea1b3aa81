package dev.vcon.agent.core.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Rewrites one method as {@link DispatchAdvice} would be inlined into it:
 *
 * <pre>
 * Object handle;
 * try { handle = Dispatchers.enter(id, this or null, new Object[] {args...}); }
 * catch (Throwable t) { handle = null; }
 * try {
 *   ...the original body, each return becoming:
 *   value = (the value returned);
 *   try { Dispatchers.exit(handle, boxed value, null); } catch (Throwable t) { return value; }
 *   return value;
 * } catch (any thrown) {
 *   try { Dispatchers.exit(handle, null, thrown); } catch (Throwable t) {}
 *   throw thrown;
 * }
 * </pre>
 *
 * The return value and the exception are never changed. The agent's locals go past the method's own
 * {@code max_locals} ({@code firstFree}: the handle there, then the value or the exception), so no
 * original local moves; every stack map frame of the original (read expanded) gets the handle
 * added, and the new code's frames are written by hand, so no class is ever loaded to compute one.
 */
final class DispatchMethodVisitor extends MethodVisitor {
  private static final String DISPATCHERS = "dev/vcon/agent/bridge/Dispatchers";
  private static final String ENTER = "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
  private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Throwable;)V";
  private static final String OBJECT = "java/lang/Object";
  private static final String THROWABLE = "java/lang/Throwable";

  /** Enough for the entry call with a two-slot argument being boxed into the array. */
  private static final int EXTRA_STACK = 8;

  private final boolean isStatic;
  private final Type[] arguments;
  private final Type returnType;
  private final int methodId;
  private final int handle;
  private final int value;
  private final Object[] entryLocals;
  private final Label enterStart = new Label();
  private final Label enterEnd = new Label();
  private final Label enterFailed = new Label();
  private final Label body = new Label();
  private final List<Label> failedReports = new ArrayList<>();

  DispatchMethodVisitor(
      MethodVisitor next,
      String owner,
      int access,
      String descriptor,
      int methodId,
      int firstFree) {
    super(Opcodes.ASM9, next);
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    this.arguments = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.methodId = methodId;
    this.handle = firstFree;
    this.value = firstFree + 1;
    List<Object> locals = new ArrayList<>();
    if (!isStatic) {
      locals.add(owner);
    }
    for (Type argument : arguments) {
      locals.add(BytecodeValues.frameType(argument));
    }
    this.entryLocals = locals.toArray();
  }

  @Override
  public void visitCode() {
    super.visitCode();
    mv.visitLabel(enterStart);
    BytecodeValues.push(mv, methodId);
    if (isStatic) {
      mv.visitInsn(Opcodes.ACONST_NULL);
    } else {
      mv.visitVarInsn(Opcodes.ALOAD, 0);
    }
    BytecodeValues.push(mv, arguments.length);
    mv.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < arguments.length; i++) {
      mv.visitInsn(Opcodes.DUP);
      BytecodeValues.push(mv, i);
      mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
      BytecodeValues.box(mv, arguments[i]);
      mv.visitInsn(Opcodes.AASTORE);
      slot += arguments[i].getSize();
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHERS, "enter", ENTER, false);
    mv.visitVarInsn(Opcodes.ASTORE, handle);
    mv.visitLabel(enterEnd);
    mv.visitJumpInsn(Opcodes.GOTO, body);
    mv.visitLabel(enterFailed);
    mv.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 1, new Object[] {THROWABLE});
    mv.visitInsn(Opcodes.POP);
    mv.visitInsn(Opcodes.ACONST_NULL);
    mv.visitVarInsn(Opcodes.ASTORE, handle);
    mv.visitLabel(body);
    Object[] bodyLocals = withHandle(entryLocals.length, entryLocals);
    mv.visitFrame(Opcodes.F_NEW, bodyLocals.length, bodyLocals, 0, new Object[0]);
    // the original code may begin with a frame of its own (a loop back to its start): not at the
    // same offset as this one
    mv.visitInsn(Opcodes.NOP);
    mv.visitTryCatchBlock(enterStart, enterEnd, enterFailed, THROWABLE);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    Object[] locals = withHandle(numLocal, local);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
  }

  /**
   * Each return reports its value where it is, then returns it: no assumption on what else the
   * operand stack holds beneath the value (a jump to a shared exit would need it empty). The value
   * goes through a local of its own, so a failing report (caught right there, the operand stack
   * then cleared by the JVM) still returns it.
   */
  @Override
  public void visitInsn(int opcode) {
    if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
      super.visitInsn(opcode);
      return;
    }
    boolean returnsValue = opcode != Opcodes.RETURN;
    if (returnsValue) {
      mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), value);
    }
    Label reportStart = new Label();
    Label reportEnd = new Label();
    Label reportFailed = new Label();
    mv.visitTryCatchBlock(reportStart, reportEnd, reportFailed, THROWABLE);
    mv.visitLabel(reportStart);
    mv.visitVarInsn(Opcodes.ALOAD, handle);
    if (returnsValue) {
      mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), value);
      BytecodeValues.box(mv, returnType);
    } else {
      mv.visitInsn(Opcodes.ACONST_NULL);
    }
    mv.visitInsn(Opcodes.ACONST_NULL);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHERS, "exit", EXIT, false);
    mv.visitLabel(reportEnd);
    returnValue(returnsValue);
    failedReports.add(reportFailed);
  }

  /**
   * Where a failed report of a return goes: pop the failure, return the value from its local.
   * Placed after the original code, so that no try block of the host's covers it: its frame knows
   * only the agent's locals, which a host handler covering it would find incompatible with its own
   * frame (a proxy's method returns inside a try whose handler expects its arguments).
   */
  private void visitFailedReports() {
    boolean returnsValue = returnType.getSort() != Type.VOID;
    Object[] handleOnly = withHandle(0, new Object[0]);
    Object[] atReturn =
        returnsValue ? append(handleOnly, BytecodeValues.frameType(returnType)) : handleOnly;
    for (Label reportFailed : failedReports) {
      mv.visitLabel(reportFailed);
      mv.visitFrame(Opcodes.F_NEW, atReturn.length, atReturn, 1, new Object[] {THROWABLE});
      mv.visitInsn(Opcodes.POP);
      returnValue(returnsValue);
    }
  }

  private void returnValue(boolean returnsValue) {
    if (returnsValue) {
      mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), value);
    }
    mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    Label bodyEnd = new Label();
    mv.visitLabel(bodyEnd);
    visitFailedReports();
    Object[] handleOnly = withHandle(0, new Object[0]);

    // anything thrown by the body: report it, whatever reporting does, then rethrow it unchanged
    Label thrown = new Label();
    mv.visitLabel(thrown);
    mv.visitFrame(Opcodes.F_NEW, handleOnly.length, handleOnly, 1, new Object[] {THROWABLE});
    mv.visitVarInsn(Opcodes.ASTORE, value);
    Object[] withThrown = append(handleOnly, THROWABLE);
    Label rethrowStart = new Label();
    Label rethrowEnd = new Label();
    Label rethrowFailed = new Label();
    Label rethrow = new Label();
    mv.visitLabel(rethrowStart);
    mv.visitVarInsn(Opcodes.ALOAD, handle);
    mv.visitInsn(Opcodes.ACONST_NULL);
    mv.visitVarInsn(Opcodes.ALOAD, value);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, DISPATCHERS, "exit", EXIT, false);
    mv.visitLabel(rethrowEnd);
    mv.visitJumpInsn(Opcodes.GOTO, rethrow);
    mv.visitLabel(rethrowFailed);
    mv.visitFrame(Opcodes.F_NEW, withThrown.length, withThrown, 1, new Object[] {THROWABLE});
    mv.visitInsn(Opcodes.POP);
    mv.visitLabel(rethrow);
    mv.visitFrame(Opcodes.F_NEW, withThrown.length, withThrown, 0, new Object[0]);
    mv.visitVarInsn(Opcodes.ALOAD, value);
    mv.visitInsn(Opcodes.ATHROW);

    // after the original handlers (and each return's own), so those are tried first
    mv.visitTryCatchBlock(body, bodyEnd, thrown, null);
    mv.visitTryCatchBlock(rethrowStart, rethrowEnd, rethrowFailed, THROWABLE);
    super.visitMaxs(Math.max(maxStack, 1) + EXTRA_STACK, value + 2);
  }

  /** A frame's locals (as ASM lists them: one entry for a long), padded to the handle's slot. */
  private Object[] withHandle(int count, Object[] locals) {
    List<Object> result = new ArrayList<>(handle + 1);
    int slot = 0;
    for (int i = 0; i < count; i++) {
      result.add(locals[i]);
      slot += locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE ? 2 : 1;
    }
    for (; slot < handle; slot++) {
      result.add(Opcodes.TOP);
    }
    result.add(OBJECT);
    return result.toArray();
  }

  private static Object[] append(Object[] locals, Object last) {
    Object[] result = java.util.Arrays.copyOf(locals, locals.length + 1);
    result[locals.length] = last;
    return result;
  }
}
