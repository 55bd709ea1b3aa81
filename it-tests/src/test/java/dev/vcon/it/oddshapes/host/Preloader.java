package dev.vcon.it.oddshapes.host;

/**
 * The premain of a second agent (the test puts it in a jar of its own), attached before the vCon
 * agent: it loads {@link EarlyStep}, so that class is defined before the vCon agent's transformer
 * exists and can only be instrumented by retransformation.
 */
public final class Preloader {

  private Preloader() {}

  public static void premain(String args) throws ClassNotFoundException {
    Class.forName("dev.vcon.it.oddshapes.host.EarlyStep", true, Preloader.class.getClassLoader());
  }
}
