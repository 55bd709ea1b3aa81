package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.agent.bridge.Dispatcher;
import dev.vcon.agent.bridge.Dispatchers;
import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.Role;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-made weave on methods of awkward shapes ({@code example.shapes.Shapes}): the woven class
 * verifies, every method returns or throws exactly what it does unwoven, and each call is
 * dispatched once on entry and once on exit with its arguments, result or throwable.
 */
class DispatchWeaverTest {
  private static final String SHAPES = "example.shapes.Shapes";

  private final List<Object[]> entered = new ArrayList<>();
  private final List<Object[]> exited = new ArrayList<>();
  private boolean dispatcherThrows;
  private Class<?> woven;

  @BeforeEach
  void weave() throws Exception {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", SHAPES + "#run");
    sys.put("vcon.agent.chain.name", "'shapes'");
    sys.put("vcon.agent.chain.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), p -> {});
    MethodRegistry<Role> registry = new MethodRegistry<>(InstrumentedMethod::role);
    List<MethodTarget> targets =
        InstrumentationPlan.of(config.roles())
            .targetsFor(java.util.Collections.singleton(SHAPES.replace('.', '/')));
    byte[] original;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(SHAPES.replace('.', '/') + ".class")) {
      original = in.readAllBytes();
    }
    byte[] classFile =
        new DispatchWeaver(registry).weave(SHAPES.replace('.', '/'), original, targets);
    assertThat(classFile).isNotNull();
    woven =
        new ClassLoader(getClass().getClassLoader()) {
          Class<?> define() {
            return defineClass(SHAPES, classFile, 0, classFile.length);
          }
        }.define();
    Dispatchers.install(
        new Dispatcher() {
          @Override
          public ExitHandle enter(int methodId, Object self, Object[] args) {
            entered.add(args);
            if (dispatcherThrows) {
              throw new IllegalStateException("agent bug");
            }
            return (result, thrown) -> {
              exited.add(new Object[] {result, thrown});
              if (dispatcherThrows) {
                throw new IllegalStateException("agent bug");
              }
            };
          }
        });
  }

  @AfterEach
  void uninstall() {
    Dispatchers.install(null);
  }

  @Test
  void twoSlotArgumentsAndResultAndALoopKeepTheirValues() throws Throwable {
    Object shapes = woven.getConstructor().newInstance();
    Object result = call(shapes, new Class<?>[] {long.class, double.class, int.class}, 3L, 0.5, 4);
    assertThat(result).isEqualTo(0.5 + 3 * (0 + 1 + 2 + 3));
    assertThat(entered).containsExactly(new Object[] {3L, 0.5, 4});
    assertThat(exited).containsExactly(new Object[] {result, null});
  }

  @Test
  void aStaticMethodStartingWithALoopReturnsFromInsideIt() throws Throwable {
    assertThat(call(null, new Class<?>[] {int.class}, 3)).isEqualTo(-1);
    assertThat(exited).containsExactly(new Object[] {-1, null});
  }

  @Test
  void returnsFromTryCatchAndFinallyAreEachReportedOnce() throws Throwable {
    Object shapes = woven.getConstructor().newInstance();
    Class<?>[] types = {String.class, boolean.class};
    assertThat(call(shapes, types, " a ", false)).isEqualTo("a");
    assertThat(call(shapes, types, "b", true)).isEqualTo("caught b");
    assertThat(woven.getMethod("total").invoke(shapes)).isEqualTo(2L);
    assertThat(exited).containsExactly(new Object[] {"a", null}, new Object[] {"caught b", null});
  }

  @Test
  void aVoidSynchronizedMethodGetsItsPrimitiveArgumentsBoxed() throws Throwable {
    Object shapes = woven.getConstructor().newInstance();
    Class<?>[] types = {char.class, float.class, short.class, byte.class, boolean.class};
    assertThat(call(shapes, types, 'a', 2.5f, (short) 3, (byte) 4, true)).isNull();
    assertThat(woven.getMethod("total").invoke(shapes)).isEqualTo(97L + 2 + 3 + 4 + 1);
    assertThat(entered).containsExactly(new Object[] {'a', 2.5f, (short) 3, (byte) 4, true});
    assertThat(exited).containsExactly(new Object[] {null, null});
  }

  @Test
  void aThrowableLeavesUnchangedAndIsReported() throws Throwable {
    Object shapes = woven.getConstructor().newInstance();
    Class<?>[] types = {int[][].class, Object.class};
    int[][] grid = {{1}};
    assertThat(call(shapes, types, grid, "m")).isSameAs(grid);
    assertThatThrownBy(() -> call(shapes, types, grid, null))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("no marker");
    assertThat(exited.get(1)[1]).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aDispatcherThatThrowsOnEntryOrExitNeverReachesTheHost() throws Throwable {
    dispatcherThrows = true;
    Object shapes = woven.getConstructor().newInstance();
    assertThat(call(shapes, new Class<?>[] {String.class, boolean.class}, "x", false))
        .isEqualTo("x");
    assertThatThrownBy(
            () -> call(shapes, new Class<?>[] {int[][].class, Object.class}, new int[0][], null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * javac never leaves more than the value on the operand stack at a return, but the JVM allows it
   * (other compilers, bytecode tools): such a method is woven and verifies too.
   */
  @Test
  void aReturnWithMoreOnTheOperandStackIsWovenToo() throws Throwable {
    Class<?> stacked =
        weaveAndDefine(
            "example.Stacked",
            run -> {
              run.visitVarInsn(Opcodes.ALOAD, 0);
              run.visitVarInsn(Opcodes.ALOAD, 0);
              run.visitInsn(Opcodes.ARETURN); // the first copy stays on the stack
            });

    assertThat(stacked.getMethod("run", String.class).invoke(null, "v")).isEqualTo("v");
    assertThat(exited).containsExactly(new Object[] {"v", null});
  }

  /**
   * A {@code java.lang.reflect.Proxy} class returns inside a try block whose handler's frame needs
   * the method's arguments (javac ends a try range before its return; the JDK's proxy generator
   * does not): the woven return, and what it does when its report fails, must verify there too.
   */
  @Test
  void aReturnInsideTheHostsTryBlockIsWovenAndVerifies() throws Throwable {
    Class<?> guarded =
        weaveAndDefine(
            "example.Guarded",
            run -> {
              Label start = new Label();
              Label end = new Label();
              Label handler = new Label();
              run.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
              run.visitLabel(start);
              run.visitVarInsn(Opcodes.ALOAD, 0);
              run.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "java/lang/String", "trim", "()Ljava/lang/String;", false);
              run.visitInsn(Opcodes.ARETURN);
              run.visitLabel(end); // the return is inside the try block
              run.visitLabel(handler);
              run.visitInsn(Opcodes.POP);
              run.visitVarInsn(Opcodes.ALOAD, 0); // the handler needs the argument
              run.visitInsn(Opcodes.ARETURN);
            });

    assertThat(guarded.getMethod("run", String.class).invoke(null, " v ")).isEqualTo("v");
    assertThat(guarded.getMethod("run", String.class).invoke(null, (Object) null)).isNull();
    assertThat(exited).containsExactly(new Object[] {"v", null}, new Object[] {null, null});
  }

  /**
   * Weaves and defines a class {@code name} whose one method, {@code static String run(String)},
   * has the body {@code code} writes (frames and maxima computed by ASM).
   */
  private Class<?> weaveAndDefine(String name, java.util.function.Consumer<MethodVisitor> code) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    writer.visit(
        Opcodes.V11, Opcodes.ACC_PUBLIC, name.replace('.', '/'), null, "java/lang/Object", null);
    MethodVisitor run =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
            "run",
            "(Ljava/lang/String;)Ljava/lang/String;",
            null,
            null);
    run.visitCode();
    code.accept(run);
    run.visitMaxs(0, 0);
    run.visitEnd();
    writer.visitEnd();
    return weaveAndDefine(name, writer.toByteArray());
  }

  private Class<?> weaveAndDefine(String name, byte[] original) {
    String internalName = name.replace('.', '/');
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.chain.methods", name + "#run");
    sys.put("vcon.agent.chain.name", "'woven'");
    sys.put("vcon.agent.chain.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), p -> {});
    byte[] classFile =
        new DispatchWeaver(new MethodRegistry<>(InstrumentedMethod::role))
            .weave(
                internalName,
                original,
                InstrumentationPlan.of(config.roles())
                    .targetsFor(java.util.Collections.singleton(internalName)));
    return new ClassLoader(getClass().getClassLoader()) {
      Class<?> define() {
        return defineClass(name, classFile, 0, classFile.length);
      }
    }.define();
  }

  private Object call(Object target, Class<?>[] types, Object... args) throws Throwable {
    Method method = woven.getMethod("run", types);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
