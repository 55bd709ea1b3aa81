package dev.vcon.agent.core.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's one class-file transformer. For the great majority of classes it only reads the
 * class-file header; a class that extends or implements a selector's type is woven by {@link
 * DispatchWeaver} (a few dozen ASM classes, made ready on a background thread at premain), Byte
 * Buddy's {@link AdviceWeaver} only for the rare class file older than Java 6. It never throws: a
 * class it cannot weave is left exactly as it was.
 */
public final class ChainTransformer implements ClassFileTransformer {

  private static final ThreadLocal<Boolean> IN_TRANSFORM = new ThreadLocal<>();
  private static final long PREPARE_WAIT_SECONDS = 10;

  private final InstrumentationPlan plan;
  private final SupertypeIndex supertypes;
  private final SelectorCoverage coverage;
  private final MethodNameFilter methodNames;

  /**
   * Bytes that already call the bridge were woven by this agent: a lambda's bytes on Java 17 pass
   * the hidden-class hook twice (after the lambda factory makes them, and again at {@code
   * Lookup.defineHiddenClass}); weaving them again would nest a second dispatch. A retransformation
   * is always given the class's original bytes, so it never sees the marker.
   */
  private final MethodNameFilter alreadyWoven =
      new MethodNameFilter(List.of("dev/vcon/agent/bridge/Dispatchers"));

  private final MethodRegistry<?> registry;
  private final Consumer<String> problems;
  private final Runnable onMatch;
  private final ClassLoader agentLoader = ChainTransformer.class.getClassLoader();
  private final AtomicBoolean failureReported = new AtomicBoolean();
  private final DispatchWeaver dispatchWeaver;
  private volatile AdviceWeaver weaver;
  private volatile Runnable selectedTypeLoads = () -> {};
  private volatile CountDownLatch prepared;

  public ChainTransformer(
      InstrumentationPlan plan, MethodRegistry<?> registry, Consumer<String> problems) {
    this(plan, registry, problems, () -> {});
  }

  /**
   * @param onMatch called (on the loading thread, so it must not block) when a class to weave is
   *     loaded: the pipeline is then wanted, well before the class's first call asks for it
   */
  public ChainTransformer(
      InstrumentationPlan plan,
      MethodRegistry<?> registry,
      Consumer<String> problems,
      Runnable onMatch) {
    this.onMatch = onMatch;
    this.plan = plan;
    this.registry = registry;
    this.problems = problems;
    this.supertypes = new SupertypeIndex(plan.targetTypes());
    this.coverage = new SelectorCoverage(plan, problems);
    this.methodNames = new MethodNameFilter(plan.methodNames());
    this.dispatchWeaver = new DispatchWeaver(registry);
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (className == null
        || classFile == null
        || IN_TRANSFORM.get() != null
        || Ignores.ignore(loader, className)
        || loader == agentLoader) {
      return null;
    }
    IN_TRANSFORM.set(Boolean.TRUE);
    try {
      if (!plan.targetsNaming(className).isEmpty()) {
        coverage.typeSeen(className, classFile);
        selectedTypeLoads.run();
      }
      if (!methodNames.mayDeclare(classFile)) {
        return null;
      }
      Set<String> reached = supertypes.reachedTargets(loader, className, classFile);
      if (reached.isEmpty() || alreadyWoven.mayDeclare(classFile)) {
        return null;
      }
      onMatch.run();
      List<MethodTarget> targets = plan.targetsFor(reached);
      awaitPrepared();
      byte[] woven =
          DispatchWeaver.supports(classFile)
              ? dispatchWeaver.weave(className, classFile, targets)
              : weaver().weave(loader, className, classFile, targets);
      if (woven != null) {
        for (MethodTarget target : targets) {
          coverage.matched(target);
        }
      }
      return woven;
    } catch (StackOverflowError e) {
      // The class is loaded on a thread with no stack left (a host failing by deep recursion):
      // leave the class as it is and say nothing, since saying it would need stack too.
      return null;
    } catch (Throwable t) {
      reportFailure(className, t);
      return null;
    } finally {
      IN_TRANSFORM.remove();
    }
  }

  private void reportFailure(String className, Throwable t) {
    try {
      if (failureReported.compareAndSet(false, true)) {
        problems.accept(
            "vcon-otel-agent: could not instrument "
                + className.replace('/', '.')
                + " ("
                + t
                + "); it runs uninstrumented (further failures are not reported)");
      }
    } catch (Throwable ignored) {
      // nothing may leave a transformer: the JVM would print an assertion failure
    }
  }

  /**
   * Runs {@code action} on the loading thread whenever a selector's own type is defined, before any
   * class implementing it can be (used to install the hidden-class hooks in time).
   */
  public void whenSelectedTypeLoads(Runnable action) {
    selectedTypeLoads = action;
  }

  /** The transformer's cheapest test, on its own: whether a class may declare a method to weave. */
  boolean mayDeclareSelectedMethod(byte[] classFile) {
    return methodNames.mayDeclare(classFile);
  }

  /**
   * Whether {@code loader} is the agent's own (whose classes, lambdas included, are never woven).
   */
  boolean isAgentLoader(ClassLoader loader) {
    return loader == agentLoader;
  }

  /** Whether a loaded class should be retransformed (it was loaded before the transformer). */
  public boolean isCandidate(Class<?> type) {
    if (type.isArray()
        || type.isPrimitive()
        || registry.hasClass(type.getName())
        || Ignores.ignore(type.getClassLoader(), type.getName().replace('.', '/'))) {
      return false;
    }
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      if (plan.targetTypes().contains(current.getName().replace('.', '/'))
          || implementsTarget(current)) {
        return true;
      }
    }
    return false;
  }

  private boolean implementsTarget(Class<?> type) {
    for (Class<?> anInterface : type.getInterfaces()) {
      if (plan.targetTypes().contains(anInterface.getName().replace('.', '/'))
          || implementsTarget(anInterface)) {
        return true;
      }
    }
    return false;
  }

  /** Selectors that matched nothing during the whole run, reported once at exit. */
  public void reportUnmatchedSelectors() {
    coverage.reportNeverSeen();
  }

  /**
   * Starts a daemon thread that runs {@code first} (the pre-start recording path's warm-up), then
   * loads the weaving classes by weaving a sample class of the agent's own; the first host class to
   * be woven then finds them ready. Until that thread is done, a host class that needs weaving
   * waits for it (bounded), so no host call can record before {@code first} has run. Then, with
   * host classes free to weave, the same thread runs {@code after}. Failures are ignored: the first
   * real weave and run would load the classes anyway.
   */
  public void prepareInBackground(Runnable first, Runnable after) {
    CountDownLatch done = new CountDownLatch(1);
    prepared = done;
    Thread thread =
        new Thread(
            () -> {
              try {
                prepare(first);
              } finally {
                done.countDown();
              }
              try {
                after.run();
              } catch (Throwable ignored) {
                // whoever needs it next runs it
              }
            },
            "vcon-otel-agent-weaver");
    thread.setDaemon(true);
    thread.start();
  }

  /** What {@link #prepareInBackground} runs, on the calling thread. */
  void prepare(Runnable first) {
    synchronized (this) {
      try {
        first.run();
      } catch (Throwable ignored) {
        // the first recorded run pays instead
      }
      try {
        DispatchWeaver.warmUp();
      } catch (Throwable ignored) {
        // the first real weave pays instead
      }
    }
  }

  private void awaitPrepared() {
    CountDownLatch done = prepared;
    if (done == null || done.getCount() == 0) {
      return;
    }
    try {
      // bounded: a preparation that never ends (a JVM starved of threads) must not hang a weave
      done.await(PREPARE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Byte Buddy's weaver, for class files older than Java 6 only: loaded if one comes. */
  private AdviceWeaver weaver() {
    AdviceWeaver current = weaver;
    if (current == null) {
      synchronized (this) {
        current = weaver;
        if (current == null) {
          current = new AdviceWeaver(registry);
          weaver = current;
        }
      }
    }
    return current;
  }
}
