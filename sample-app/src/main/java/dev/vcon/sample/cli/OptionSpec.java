package dev.vcon.sample.cli;

/**
 * One command-line option: {@code --name VALUE} (or {@code --name=VALUE}), or a flag when {@code
 * valueLabel} is null; {@code env} names the environment variable used when the option is absent
 * (or is null).
 */
public record OptionSpec(String name, String valueLabel, String env, String description) {

  public boolean isFlag() {
    return valueLabel == null;
  }
}
