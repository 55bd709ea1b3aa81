package dev.vcon.it.security.host;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * Behaves like an application server that installs its own java.util.logging manager in {@code
 * main}, after the agent's premain: first one chain run (with the agent it waits until the agent's
 * pipeline is built), then {@code java.util.logging.manager} is set and the manager read. Had
 * anything initialised JUL's LogManager before, the host would get the JDK's. It then stays up
 * until a line arrives on stdin, so the test can watch the agent's export notices.
 */
public final class LateLogManagerMain {
  private LateLogManagerMain() {}

  /** The host's own manager; JUL instantiates it by name through the system class loader. */
  public static final class HostLogManager extends LogManager {
    public HostLogManager() {}
  }

  public static void main(String[] args) throws Exception {
    System.out.println(new ProbeChain().process(args[0]));
    System.setProperty("java.util.logging.manager", HostLogManager.class.getName());
    System.out.println("logmanager " + LogManager.getLogManager().getClass().getName());
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("bye");
  }
}
