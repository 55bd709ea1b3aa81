package dev.vcon.agent.core.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Patches the two JDK places where hidden classes get their bytes, so that those bytes pass through
 * {@code dev.vcon.agent.bridge.HiddenClasses#beforeDefine} (a hidden class never reaches a
 * class-file transformer, and cannot be retransformed once defined):
 *
 * <ul>
 *   <li>{@code InnerClassLambdaMetafactory}, which spins the class of every lambda and method
 *       reference: right after the call that produces its bytes ({@code ClassWriter.toByteArray()}
 *       on Java 17, the ClassFile API's {@code build(..)} on Java 24 and later), the bytes are
 *       replaced, with the lambda's caller class ({@code targetClass}) as the host. The same call
 *       site the OpenTelemetry Java agent patches.
 *   <li>{@code MethodHandles.Lookup.defineHiddenClass} and {@code defineHiddenClassWithClassData},
 *       through which a host defines its own hidden classes: at entry, the {@code bytes} argument
 *       is replaced, with the lookup class as the host.
 * </ul>
 *
 * A class whose code is not the expected shape (another JDK) is left unpatched: {@link #sites} then
 * says 0 and the installer reports it. The patch adds only calls, no branches, fields or methods.
 */
final class JdkDefinePatch implements ClassFileTransformer {

  static final String LAMBDA_FACTORY = "java/lang/invoke/InnerClassLambdaMetafactory";
  static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";

  private static final String HOOK = "dev/vcon/agent/bridge/HiddenClasses";
  private static final String HOOK_NAME = "beforeDefine";
  private static final String HOOK_DESCRIPTOR = "([BLjava/lang/Class;)[B";
  private static final String CLASS_DESCRIPTOR = "Ljava/lang/Class;";
  private static final String LOOKUP_RETURN = "L" + LOOKUP + ";";
  private static final Set<String> DEFINE_HIDDEN =
      Set.of(
          "defineHiddenClass([BZ[L" + LOOKUP + "$ClassOption;)" + LOOKUP_RETURN,
          "defineHiddenClassWithClassData([BLjava/lang/Object;Z[L"
              + LOOKUP
              + "$ClassOption;)"
              + LOOKUP_RETURN);

  private final Map<String, Integer> sites = new ConcurrentHashMap<>();
  private final Set<String> disabled = ConcurrentHashMap.newKeySet();
  private volatile Throwable failure;

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader != null
        || classFile == null
        || !(LAMBDA_FACTORY.equals(className) || LOOKUP.equals(className))
        || disabled.contains(className)) {
      return null;
    }
    try {
      return patch(className, classFile);
    } catch (Throwable t) {
      failure = t;
      return null;
    }
  }

  /** How many calls the last patch of that class inserted (0: not patched). */
  int sites(String className) {
    return sites.getOrDefault(className, 0);
  }

  /** Why the last patch failed, if it threw. */
  Throwable failure() {
    return failure;
  }

  /** Leaves that class as the JDK made it from now on (retransform it to undo a patch). */
  void disable(String className) {
    disabled.add(className);
  }

  private byte[] patch(String className, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    // sharing the reader's constant pool lets ASM copy every method it does not touch as it is
    ClassWriter writer = new ClassWriter(reader, 0);
    Patcher patcher =
        LAMBDA_FACTORY.equals(className)
            ? new LambdaFactoryPatcher(writer)
            : new LookupPatcher(writer);
    reader.accept(patcher, 0);
    sites.put(className, patcher.sites);
    // exactly one place where lambda bytes are made: more would weave a lambda twice
    boolean expected = LAMBDA_FACTORY.equals(className) ? patcher.sites == 1 : patcher.sites == 2;
    if (!expected) {
      sites.put(className, 0);
      return null;
    }
    return writer.toByteArray();
  }

  private abstract static class Patcher extends ClassVisitor {
    int sites;

    Patcher(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }
  }

  /** Inserts the hook after the call that returns the lambda class's bytes. */
  private static final class LambdaFactoryPatcher extends Patcher {
    LambdaFactoryPatcher(ClassVisitor next) {
      super(next);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & Opcodes.ACC_STATIC) != 0
          || !("spinInnerClass".equals(name) || "generateInnerClass".equals(name))
          || !"()Ljava/lang/Class;".equals(descriptor)) {
        return next;
      }
      return new MethodVisitor(api, next) {
        private boolean inserted;

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          super.visitMethodInsn(opcode, owner, method, desc, isInterface);
          if (isClassBytes(opcode, owner, method, desc)) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitFieldInsn(Opcodes.GETFIELD, LAMBDA_FACTORY, "targetClass", CLASS_DESCRIPTOR);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, HOOK_NAME, HOOK_DESCRIPTOR, false);
            inserted = true;
            sites++;
          }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
          super.visitMaxs(inserted ? maxStack + 1 : maxStack, maxLocals);
        }
      };
    }

    private static boolean isClassBytes(int opcode, String owner, String method, String desc) {
      // Java 15-23: jdk.internal.org.objectweb.asm.ClassWriter.toByteArray()
      // Java 24+: java.lang.classfile.ClassFile.build(ClassEntry, ConstantPoolBuilder, Consumer)
      return (opcode == Opcodes.INVOKEVIRTUAL
              && owner.endsWith("/ClassWriter")
              && "toByteArray".equals(method)
              && "()[B".equals(desc))
          || (opcode == Opcodes.INVOKEINTERFACE
              && "java/lang/classfile/ClassFile".equals(owner)
              && "build".equals(method)
              && desc.endsWith(")[B"));
    }
  }

  /** Replaces the bytes argument of the public hidden-class definers at their entry. */
  private static final class LookupPatcher extends Patcher {
    LookupPatcher(ClassVisitor next) {
      super(next);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ((access & Opcodes.ACC_STATIC) != 0 || !DEFINE_HIDDEN.contains(name + descriptor)) {
        return next;
      }
      return new MethodVisitor(api, next) {
        @Override
        public void visitCode() {
          super.visitCode();
          super.visitVarInsn(Opcodes.ALOAD, 1);
          super.visitVarInsn(Opcodes.ALOAD, 0);
          super.visitMethodInsn(
              Opcodes.INVOKEVIRTUAL, LOOKUP, "lookupClass", "()Ljava/lang/Class;", false);
          super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, HOOK_NAME, HOOK_DESCRIPTOR, false);
          super.visitVarInsn(Opcodes.ASTORE, 1);
          sites++;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
          super.visitMaxs(Math.max(maxStack, 2), maxLocals);
        }
      };
    }
  }
}
