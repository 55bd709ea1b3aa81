package dev.vcon.it.oddshapes.host;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A host with no telemetry code whose chains, links and storages have unusual method shapes ({@link
 * Chains}). It prints what each run returned or threw, the same with and without an agent.
 *
 * <pre>OddMain &lt;plugin jar&gt;</pre>
 *
 * {@code Bulky}, a link whose method is too large to take the agent's advice, is compiled by the
 * test into the class path; it is loaded by name.
 *
 * <p>Before the run that calls {@link EarlyStep} (loaded by another agent before premain) it reads
 * a line from stdin, so the test can let it go on once the agent says it has started.
 */
public final class OddMain {
  static final FileNotFoundException MISSING = new FileNotFoundException("no such ticket");
  static final IOException BROKEN_PIPE = new IOException("broken pipe");
  static final OddError ERROR = new OddError("odd error");
  static final String PLUGIN_PACKAGE = "dev.vcon.it.oddshapes.plugin.";

  private OddMain() {}

  public static void main(String[] args) throws Exception {
    Chains chains = new Chains();
    System.out.println(
        "static-varargs "
            + Chains.runStatic(
                new Ticket("static-varargs", "vcon-1"), Ops.TRIM, Ops.UPPER, new Suffix("!")));
    System.out.println(
        "synchronized-int " + chains.runCounted(new Ticket("synchronized-int", "vcon-2"), sizes()));
    System.out.println(
        "bridge-long " + chains.runTotal(new Ticket("bridge-long", "vcon-3"), new int[] {1, 2}));
    System.out.println(
        "default-double " + chains.runScore(new Ticket("default-double", "vcon-4"), 3.0));
    try {
      chains.runFailing(new Ticket("checked-void", "vcon-5"));
      System.out.println("checked-void returned");
    } catch (IOException e) {
      System.out.println("checked-void threw " + e + " same=" + (e == BROKEN_PIPE));
    }
    try {
      System.out.println("error " + chains.runBroken(new Ticket("error", "vcon-6")));
    } catch (OddError e) {
      System.out.println("error threw " + e + " same=" + (e == ERROR));
    }
    try (URLClassLoader plugins =
        new URLClassLoader(
            "odd-plugins",
            new URL[] {Path.of(args[0]).toUri().toURL()},
            OddMain.class.getClassLoader())) {
      Step step =
          (Step) plugins.loadClass(PLUGIN_PACKAGE + "PluginStep").getConstructor().newInstance();
      Shelf shelf =
          (Shelf) plugins.loadClass(PLUGIN_PACKAGE + "PluginShelf").getConstructor().newInstance();
      System.out.println(
          "plugin "
              + Chains.runPlugin(new Ticket("plugin", "vcon-7"), step, shelf, "plug")
              + " loader="
              + step.getClass().getClassLoader().getName());
    }
    Step bulky =
        (Step)
            Class.forName(OddMain.class.getPackageName() + ".Bulky").getConstructor().newInstance();
    System.out.println(
        "too-large " + Chains.runStatic(new Ticket("too-large", "vcon-9"), bulky).length());
    System.out.println("waiting for go");
    String go =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    Step early =
        (Step)
            Class.forName(OddMain.class.getPackageName() + ".EarlyStep")
                .getConstructor()
                .newInstance();
    System.out.println(
        "preloaded-boolean "
            + chains.runAccepted(new Ticket("preloaded-boolean", "vcon-8"), true, early)
            + " go="
            + go);
    System.out.println("done");
  }

  private static long[] sizes() {
    long[] sizes = {3, 4, 5};
    return Arrays.copyOf(sizes, sizes.length);
  }
}
