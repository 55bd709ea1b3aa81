package dev.vcon.sample.worker;

import dev.vcon.sample.link.Link;

/** A link whose behaviour a test sets, to observe how the worker schedules chain runs. */
public final class ProbeLink implements Link {

  static volatile Runnable onRun = () -> {};

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    onRun.run();
    return vconUuid;
  }
}
