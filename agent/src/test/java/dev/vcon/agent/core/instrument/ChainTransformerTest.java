package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.agent.bridge.Dispatcher;
import dev.vcon.agent.bridge.Dispatchers;
import dev.vcon.agent.bridge.ExitHandle;
import dev.vcon.agent.core.config.AgentConfig;
import dev.vcon.agent.core.config.Role;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Weaves real classes in this JVM and checks what the dispatcher sees and what the host sees. */
class ChainTransformerTest {

  private static final Instrumentation INST = ByteBuddyAgent.install();

  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private MethodRegistry<Role> registry;
  private ChainTransformer transformer;

  @BeforeEach
  void install() {
    Map<String, String> sys = new HashMap<>();
    sys.put(
        "vcon.agent.chain.methods",
        "example.fixtures.Chain#process,example.fixtures.Chain#touch,"
            + "example.fixtures.Chain#twice");
    sys.put("vcon.agent.chain.name", "'test'");
    sys.put("vcon.agent.chain.vcon-id", "this.vconId");
    sys.put("vcon.agent.link.methods", "example.fixtures.Step#run,example.fixtures.Handler#handle");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    sys.put("vcon.agent.link.index", "arg2");
    sys.put("vcon.agent.storage.methods", "example.fixtures.Nothing#save");
    sys.put("vcon.agent.storage.name", "this.name");
    sys.put("vcon.agent.storage.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    registry = new MethodRegistry<>(InstrumentedMethod::role);
    transformer =
        new ChainTransformer(InstrumentationPlan.of(config.roles()), registry, problems::add);
    INST.addTransformer(transformer, true);
    Dispatchers.install(new Recorder());
  }

  @AfterEach
  void uninstall() {
    INST.removeTransformer(transformer);
    Dispatchers.install(null);
  }

  @Test
  void implementationsOfAnInterfaceAreWovenThroughAnAbstractClass() throws Throwable {
    Object step = newInstance(freshLoader(), "example.fixtures.EchoStep");

    Object result =
        invoke(
            step, "run", new Class<?>[] {String.class, String.class, int.class}, "v-1", "tag", 3);

    assertThat(result).isEqualTo("v-1");
    assertThat(calls).hasSize(1);
    Call call = calls.get(0);
    assertThat(registry.binding(call.methodId)).isEqualTo(Role.LINK);
    assertThat(call.self).isSameAs(step);
    assertThat(call.args).containsExactly("v-1", "tag", 3);
    assertThat(call.result).isEqualTo("v-1");
    assertThat(call.thrown).isNull();
  }

  @Test
  void aThrowingMethodReportsAndRethrowsTheSameThrowable() throws Throwable {
    ClassLoader loader = freshLoader();
    Object step = newInstance(loader, "example.fixtures.FailingStep");
    Object expected =
        loader.loadClass("example.fixtures.FailingStep").getField("FAILURE").get(null);

    assertThatThrownBy(
            () ->
                invoke(
                    step,
                    "run",
                    new Class<?>[] {String.class, String.class, int.class},
                    "v",
                    "x",
                    0))
        .isSameAs(expected);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).thrown).isSameAs(expected);
  }

  @Test
  void bridgeMethodsAreNotWovenSoAGenericCallIsRecordedOnce() throws Throwable {
    ClassLoader loader = freshLoader();
    Object handler = newInstance(loader, "example.fixtures.StringHandler");
    Method viaInterface =
        loader.loadClass("example.fixtures.Handler").getMethod("handle", Object.class);

    assertThat(viaInterface.invoke(handler, "abc")).isEqualTo("ABC");
    assertThat(calls).hasSize(1);
  }

  @Test
  void overloadsStaticAndVoidMethodsAreAllWovenAndKeepTheirResults() throws Throwable {
    ClassLoader loader = freshLoader();
    Class<?> chainType = loader.loadClass("example.fixtures.Chain");
    Object chain = chainType.getConstructor(String.class).newInstance("v-9");

    assertThat(chainType.getMethod("process").invoke(chain)).isEqualTo(1);
    assertThat(calls).hasSize(2); // process() and the process(boolean) it delegates to
    assertThat(calls.get(0).result).isEqualTo(1);
    calls.clear();

    chainType.getMethod("touch").invoke(chain);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).result).isNull();
    calls.clear();

    assertThat(chainType.getMethod("twice", long.class).invoke(null, 21L)).isEqualTo(42L);
    assertThat(calls.get(0).self).isNull();
    assertThat(calls.get(0).args).containsExactly(21L);
  }

  @Test
  void aClassLoadedBeforeTheAgentIsWovenByRetransformation() throws Throwable {
    INST.removeTransformer(transformer);
    ClassLoader loader = freshLoader();
    Class<?> type = loader.loadClass("example.fixtures.EchoStep");
    Object step = type.getConstructor().newInstance();
    invoke(step, "run", new Class<?>[] {String.class, String.class, int.class}, "a", "b", 0);
    assertThat(calls).isEmpty();

    INST.addTransformer(transformer, true);
    assertThat(transformer.isCandidate(type)).isTrue();
    INST.retransformClasses(type);

    invoke(step, "run", new Class<?>[] {String.class, String.class, int.class}, "a", "b", 0);
    assertThat(calls).hasSize(1);
  }

  @Test
  void aDispatcherThatThrowsNeverReachesTheHost() throws Throwable {
    Dispatchers.install(
        (methodId, self, args) -> {
          throw new IllegalStateException("agent bug");
        });
    Object step = newInstance(freshLoader(), "example.fixtures.EchoStep");

    assertThat(
            invoke(
                step, "run", new Class<?>[] {String.class, String.class, int.class}, "v-2", "n", 1))
        .isEqualTo("v-2");
  }

  @Test
  void aSelectorWhoseTypeLacksTheMethodIsReportedOnce() throws Throwable {
    Map<String, String> sys = new HashMap<>();
    sys.put("vcon.agent.link.methods", "example.fixtures.Step#runn");
    sys.put("vcon.agent.link.name", "arg1");
    sys.put("vcon.agent.link.vcon-id", "arg0");
    AgentConfig config = AgentConfig.from(sys, new HashMap<>(), new HashMap<>(), problems::add);
    ChainTransformer misnamed =
        new ChainTransformer(InstrumentationPlan.of(config.roles()), registry, problems::add);
    INST.addTransformer(misnamed, false);
    try {
      freshLoader().loadClass("example.fixtures.Step");
      freshLoader().loadClass("example.fixtures.Step");
    } finally {
      INST.removeTransformer(misnamed);
    }
    assertThat(problems).filteredOn(p -> p.contains("Step#runn")).hasSize(1);
    assertThat(problems.get(0)).contains("declares no method runn");
  }

  private static Object invoke(Object target, String name, Class<?>[] types, Object... args)
      throws Throwable {
    try {
      return target.getClass().getMethod(name, types).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object newInstance(ClassLoader loader, String name) throws Exception {
    return loader.loadClass(name).getConstructor().newInstance();
  }

  /** Child-first for the fixtures, so each test defines (and the transformer sees) them anew. */
  private static ClassLoader freshLoader() {
    URL classes = example.fixtures.Chain.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes}, ChainTransformerTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("example.fixtures.")) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          return loaded != null ? loaded : findClass(name);
        }
      }
    };
  }

  private static final class Call {
    final int methodId;
    final Object self;
    final List<Object> args;
    Object result;
    Throwable thrown;

    Call(int methodId, Object self, Object[] args) {
      this.methodId = methodId;
      this.self = self;
      this.args = new ArrayList<>(java.util.Arrays.asList(args));
    }
  }

  private final class Recorder implements Dispatcher {
    @Override
    public ExitHandle enter(int methodId, Object self, Object[] args) {
      Call call = new Call(methodId, self, args);
      calls.add(call);
      return (result, thrown) -> {
        call.result = result;
        call.thrown = thrown;
      };
    }
  }
}
