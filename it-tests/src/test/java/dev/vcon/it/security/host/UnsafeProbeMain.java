package dev.vcon.it.security.host;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.Callable;

/**
 * A class-path host that tries to reach {@code jdk.internal.misc.Unsafe} without {@code
 * --add-opens}, the way any library could, and prints what happened; then runs one chain run. Its
 * output must be the same with and without the agent (except the bridge line).
 */
public final class UnsafeProbeMain {
  private UnsafeProbeMain() {}

  public static void main(String[] args) throws Exception {
    Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
    Module self = UnsafeProbeMain.class.getModule();
    Module javaBase = Object.class.getModule();
    print("reflect getUnsafe", () -> unsafe.getMethod("getUnsafe").invoke(null));
    print(
        "reflect theUnsafe",
        () -> {
          Field field = unsafe.getDeclaredField("theUnsafe");
          field.setAccessible(true);
          return field.get(null);
        });
    print(
        "lookup getUnsafe",
        () ->
            MethodHandles.lookup().findStatic(unsafe, "getUnsafe", MethodType.methodType(unsafe)));
    System.out.println("probe exported " + javaBase.isExported("jdk.internal.misc", self));
    System.out.println("probe open " + javaBase.isOpen("jdk.internal.misc", self));
    System.out.println(
        "probe bridge boot-loaded " + bootLoaded("dev.vcon.agent.bridge.Dispatchers"));
    System.out.println(new ProbeChain().process(args.length > 0 ? args[0] : "no-id"));
  }

  private static void print(String what, Callable<Object> access) {
    String outcome;
    try {
      access.call();
      outcome = "ok";
    } catch (Throwable t) {
      outcome = t.getClass().getName();
    }
    System.out.println("probe " + what + " " + outcome);
  }

  private static boolean bootLoaded(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
