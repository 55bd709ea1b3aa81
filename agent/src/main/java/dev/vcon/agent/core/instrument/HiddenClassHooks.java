package dev.vcon.agent.core.instrument;

import dev.vcon.agent.bridge.HiddenClasses;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Makes lambdas, method references and hidden classes that implement a selector's type woven like
 * other classes: patches the JDK's hidden-class definers ({@link JdkDefinePatch}) to hand their
 * bytes to the {@link ChainTransformer} through the boot-loaded {@link HiddenClasses}.
 *
 * <p>Fail-safe by construction: each patched JDK class is checked before (the fields and code it
 * relies on) and proven after (a lambda and a hidden class are defined through it); a patch that
 * fails either is undone, and one stderr line says what is not instrumented and why. Defining a
 * lambda is never broken by the agent.
 */
public final class HiddenClassHooks {

  private static final long WAIT_SECONDS = 10;
  private static final String LAMBDAS = "lambdas, method references";
  private static final String HIDDEN = "hidden classes the host defines (Lookup.defineHiddenClass)";

  private final Instrumentation inst;
  private final ChainTransformer chain;
  private final InstrumentationPlan plan;
  private final Consumer<String> out;
  private final FutureTask<Void> installation = new FutureTask<>(this::installNow, null);

  public HiddenClassHooks(
      Instrumentation inst,
      ChainTransformer chain,
      InstrumentationPlan plan,
      Consumer<String> out) {
    this.inst = inst;
    this.chain = chain;
    this.plan = plan;
    this.out = out;
  }

  /**
   * Installs both hooks, once, on the calling thread: the agent's background thread, started at
   * premain. Not on a host thread inside a transformer: the JVM does not call transformers for a
   * retransformation requested from within one.
   */
  public void install() {
    installation.run();
  }

  /**
   * Called on a host thread the first time a selector's type is loaded: waits for {@link #install}
   * to finish (at most {@value #WAIT_SECONDS} s). A lambda's interface is always loaded before the
   * lambda's class is made, so no lambda of a selector's type slips past, and a host that never
   * loads one never waits.
   */
  public void awaitInstalled() {
    if (installation.isDone()) {
      return;
    }
    try {
      installation.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // the installation reports its own problems; the host goes on
    }
  }

  private void installNow() {
    List<String> lost = new ArrayList<>();
    String reason = null;
    JdkDefinePatch patch = new JdkDefinePatch();
    try {
      if (!inst.isRetransformClassesSupported()) {
        throw new IllegalStateException("the JVM cannot retransform classes");
      }
      Class<?> factory = Class.forName(JdkDefinePatch.LAMBDA_FACTORY.replace('/', '.'));
      JdkDefineProbes.requireTargetClassField(factory);
      boolean hidden = JdkDefineProbes.hasHiddenClasses();
      // the patched java.base code calls the bridge, in the boot loader's unnamed module
      BridgeReads reads = new BridgeReads(inst);
      reads.accept(Object.class.getModule());
      HiddenClasses.install(new HiddenClassTransformer(chain, reads));
      inst.addTransformer(patch, true);
      // one retransformation (one safepoint) for both classes; each is then proven on its own
      if (hidden) {
        inst.retransformClasses(factory, MethodHandles.Lookup.class);
      } else {
        inst.retransformClasses(factory);
      }
      reason = prove(patch, factory, JdkDefinePatch.LAMBDA_FACTORY, JdkDefineProbes::lambda);
      if (reason != null) {
        lost.add(LAMBDAS);
      }
      String hiddenReason =
          hidden
              ? prove(
                  patch,
                  MethodHandles.Lookup.class,
                  JdkDefinePatch.LOOKUP,
                  JdkDefineProbes::hiddenClass)
              : null;
      if (hiddenReason != null) {
        lost.add(HIDDEN);
        reason = reason == null ? hiddenReason : reason;
      }
    } catch (Throwable t) {
      lost.clear();
      lost.add(LAMBDAS);
      lost.add(HIDDEN);
      reason = String.valueOf(t);
      undo(patch, JdkDefinePatch.LAMBDA_FACTORY, null);
      undo(patch, JdkDefinePatch.LOOKUP, MethodHandles.Lookup.class);
    }
    if (!lost.isEmpty()) {
      report(lost, reason);
    }
  }

  /**
   * Proves a patched JDK class by running it; undoes the patch when it is missing or fails. Returns
   * why it is not patched, or null.
   */
  private String prove(
      JdkDefinePatch patch, Class<?> type, String name, JdkDefineProbes.Probe probe) {
    try {
      if (patch.sites(name) == 0) {
        Throwable failure = patch.failure();
        return failure != null
            ? String.valueOf(failure)
            : "the JDK's " + name.replace('/', '.') + " is not the shape the agent patches";
      }
      probe.run();
      return null;
    } catch (Throwable t) {
      undo(patch, name, type);
      return String.valueOf(t);
    }
  }

  /** Back to the JDK's own code for that class (a retransformation without the patch). */
  private void undo(JdkDefinePatch patch, String name, Class<?> type) {
    patch.disable(name);
    try {
      Class<?> loaded = type != null ? type : Class.forName(name.replace('/', '.'));
      if (patch.sites(name) > 0) {
        inst.retransformClasses(loaded);
      }
    } catch (Throwable ignored) {
      // the patch was never applied
    }
  }

  private void report(List<String> lost, String reason) {
    TreeSet<String> types = new TreeSet<>();
    for (String type : plan.targetTypes()) {
      types.add(type.replace('/', '.'));
    }
    String line =
        "vcon-otel-agent: "
            + (lost.size() == 1 && lost.get(0).equals(LAMBDAS)
                ? "lambdas and method references"
                : String.join(" and ", lost))
            + " implementing "
            + types
            + " are not instrumented on this JVM ("
            + reason
            + "); other implementations are";
    out.accept(line.replace('\n', ' '));
  }
}
