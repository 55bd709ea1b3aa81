package dev.vcon.it.chain.host;

import java.util.Objects;

/**
 * The host's own verdicts, one stdout line each, for the test to read: {@code check <name>
 * ok|FAILED ...}.
 */
public final class Checks {
  private Checks() {}

  public static void equal(String name, Object expected, Object actual) {
    report(
        name,
        Objects.equals(expected, actual),
        "expected <" + expected + "> but was <" + actual + ">");
  }

  public static void same(String name, Object expected, Object actual) {
    report(
        name,
        expected == actual,
        "expected the same object as <" + expected + "> but got <" + actual + ">");
  }

  public static void isTrue(String name, boolean condition, String detail) {
    report(name, condition, detail);
  }

  private static void report(String name, boolean ok, String detail) {
    System.out.println("check " + name + (ok ? " ok" : " FAILED " + detail));
  }
}
