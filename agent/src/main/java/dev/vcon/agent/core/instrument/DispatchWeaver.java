package dev.vcon.agent.core.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves the dispatch calls into the methods of one class file with a hand-made visitor over Byte
 * Buddy's own ASM ({@link DispatchMethodVisitor}): the same code {@link DispatchAdvice} inlines,
 * for a few dozen ASM classes instead of the eight hundred Byte Buddy's {@code Advice} loads on the
 * first weave (measured: a first weave of about 30 ms instead of about 600 ms, on the host's thread
 * when its first instrumented class loads). Like {@link AdviceWeaver} it adds no fields or methods,
 * so loaded classes can be retransformed too.
 *
 * <p>Class files older than Java 6 (no stack map frames, maybe {@code jsr}) are left to {@link
 * AdviceWeaver}: {@link #supports} says which.
 */
final class DispatchWeaver {

  private final MethodRegistry<?> registry;

  DispatchWeaver(MethodRegistry<?> registry) {
    this.registry = registry;
  }

  /** Whether this weaver handles the class file (Java 6 or later); otherwise use Byte Buddy's. */
  static boolean supports(byte[] classFile) {
    int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    return major >= Opcodes.V1_6;
  }

  /** The woven class file, or null when no declared method matches a target. */
  byte[] weave(String internalName, byte[] classFile, List<MethodTarget> targets) {
    ClassReader reader = new ClassReader(classFile);
    Map<String, Integer> maxLocals = new HashMap<>();
    reader.accept(
        new MaxLocals(targets, maxLocals), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (maxLocals.isEmpty()) {
      return null;
    }
    String binaryName = internalName.replace('/', '.');
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            Integer locals = maxLocals.get(name + descriptor);
            MethodTarget target = locals == null ? null : targetFor(access, name, targets);
            if (target == null) {
              return next;
            }
            InstrumentedMethod registered =
                registry.register(
                    target.role,
                    binaryName,
                    MethodDescriptions.describe(binaryName, name, descriptor));
            return new DispatchMethodVisitor(
                next, internalName, access, descriptor, registered.id(), locals);
          }
        },
        ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /**
   * Weaves {@link WeaveSample} and throws the result away, so the classes a weave needs are loaded
   * on the calling (background) thread. Registers nothing.
   */
  static void warmUp() throws java.io.IOException {
    ClassLoader loader = WeaveSample.class.getClassLoader();
    String internalName = WeaveSample.class.getName().replace('.', '/');
    byte[] classFile;
    try (java.io.InputStream in = loader.getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        return;
      }
      classFile = in.readAllBytes();
    }
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return "run".equals(name)
                ? new DispatchMethodVisitor(next, internalName, access, descriptor, -1, 8)
                : next;
          }
        },
        ClassReader.EXPAND_FRAMES);
    writer.toByteArray();
    MethodDescriptions.describe(WeaveSample.class.getName(), "run", "(Ljava/lang/String;[I)J");
  }

  /**
   * Bridge and synthetic methods are skipped: a generic interface's bridge delegates to the real
   * method, and matching both would record every call twice. So are constructors, initialisers,
   * abstract and native methods.
   */
  static MethodTarget targetFor(int access, String name, List<MethodTarget> targets) {
    if ((access
                & (Opcodes.ACC_ABSTRACT
                    | Opcodes.ACC_NATIVE
                    | Opcodes.ACC_BRIDGE
                    | Opcodes.ACC_SYNTHETIC))
            != 0
        || name.startsWith("<")) {
      return null;
    }
    for (MethodTarget target : targets) {
      if (target.methodName().equals(name)) {
        return target;
      }
    }
    return null;
  }

  /** First pass: the {@code max_locals} of each method to weave, the first slot free for ours. */
  private static final class MaxLocals extends ClassVisitor {
    private final List<MethodTarget> targets;
    private final Map<String, Integer> found;

    MaxLocals(List<MethodTarget> targets, Map<String, Integer> found) {
      super(Opcodes.ASM9);
      this.targets = targets;
      this.found = found;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if (targetFor(access, name, targets) == null) {
        return null;
      }
      String key = name + descriptor;
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
          found.put(key, maxLocals);
        }
      };
    }
  }
}
