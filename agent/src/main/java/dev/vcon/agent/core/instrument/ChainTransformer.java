package dev.vcon.agent.core.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's one class-file transformer. For the great majority of classes it only reads the
 * class-file header; Byte Buddy's weaving machinery is loaded the first time a class actually
 * extends or implements a selector's type, which keeps it off the JVM's start-up path. It never
 * throws: a class it cannot weave is left exactly as it was.
 */
public final class ChainTransformer implements ClassFileTransformer {

  private static final ThreadLocal<Boolean> IN_TRANSFORM = new ThreadLocal<>();

  private final InstrumentationPlan plan;
  private final SupertypeIndex supertypes;
  private final SelectorCoverage coverage;
  private final MethodNameFilter methodNames;
  private final MethodRegistry<?> registry;
  private final Consumer<String> problems;
  private final ClassLoader agentLoader = ChainTransformer.class.getClassLoader();
  private final AtomicBoolean failureReported = new AtomicBoolean();
  private volatile AdviceWeaver weaver;
  private volatile Runnable selectedTypeLoads = () -> {};

  public ChainTransformer(
      InstrumentationPlan plan, MethodRegistry<?> registry, Consumer<String> problems) {
    this.plan = plan;
    this.registry = registry;
    this.problems = problems;
    this.supertypes = new SupertypeIndex(plan.targetTypes());
    this.coverage = new SelectorCoverage(plan, problems);
    this.methodNames = new MethodNameFilter(plan.methodNames());
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
      if (reached.isEmpty()) {
        return null;
      }
      List<MethodTarget> targets = plan.targetsFor(reached);
      byte[] woven = weaver().weave(loader, className, classFile, targets);
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
   * Loads the weaving machinery now, on the calling thread (a background thread at premain), by
   * weaving a sample class of the agent's own; the first host class to be woven then finds it
   * ready. Failures are ignored: the first real weave would load it anyway.
   */
  public void prepareWeaver() {
    // Under the lock weaver() takes: a host thread whose class needs weaving meanwhile waits for
    // this rather than initialising the same Byte Buddy classes concurrently (which risks a
    // class-initialisation deadlock between the two threads).
    synchronized (this) {
      try {
        weaver().warmUp();
      } catch (Throwable ignored) {
        // the first real weave pays instead
      }
    }
  }

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
