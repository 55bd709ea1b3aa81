package dev.vcon.agent.core.instrument;

/**
 * A class of the shape the agent weaves (an instance method with arguments and a result), woven
 * once at start-up on a background thread and thrown away: see {@link AdviceWeaver#warmUp}.
 */
final class WeaveSample {
  private final String name;

  WeaveSample(String name) {
    this.name = name;
  }

  Object run(String vconId, String linkName, int index) {
    return name + vconId + linkName + index;
  }
}
