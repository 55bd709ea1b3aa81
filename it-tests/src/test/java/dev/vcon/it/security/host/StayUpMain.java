package dev.vcon.it.security.host;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Runs {@link ProbeChain#process} once, then stays up until a line arrives on stdin. */
public final class StayUpMain {
  private StayUpMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println(new ProbeChain().process(args[0]));
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println("bye");
  }
}
