package dev.vcon.sample.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written parser for the few options of {@code run} and {@code produce}: a dependency such
 * as picocli would be larger than the two commands it parses.
 */
public final class ParsedOptions {

  private final List<OptionSpec> specs;
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> environment;

  private ParsedOptions(List<OptionSpec> specs, Map<String, String> environment) {
    this.specs = specs;
    this.environment = environment;
  }

  public static ParsedOptions parse(
      String[] args, List<OptionSpec> specs, Map<String, String> environment) {
    ParsedOptions parsed = new ParsedOptions(specs, environment);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h")) {
        arg = "--help";
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inlineValue = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      String given = "--" + name;
      OptionSpec spec =
          parsed.spec(name).orElseThrow(() -> new UsageException("unknown option '" + given + "'"));
      if (spec.isFlag()) {
        if (inlineValue != null) {
          throw new UsageException("option --" + name + " takes no value");
        }
        parsed.values.put(name, "true");
      } else if (inlineValue != null) {
        parsed.values.put(name, inlineValue);
      } else if (i + 1 < args.length) {
        parsed.values.put(name, args[++i]);
      } else {
        throw new UsageException("option --" + name + " needs a value (" + spec.valueLabel() + ")");
      }
    }
    return parsed;
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The option's value, else its environment variable's, else empty. */
  public Optional<String> value(String name) {
    String value = values.get(name);
    if (value == null) {
      String env = spec(name).map(OptionSpec::env).orElse(null);
      value = env == null ? null : environment.get(env);
      if (value != null && value.isBlank()) {
        value = null;
      }
    }
    return Optional.ofNullable(value);
  }

  public int intValue(String name, int fallback, int min) {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get().trim());
      if (value < min) {
        throw new UsageException("--" + name + " must be at least " + min + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, not '" + text.get() + "'");
    }
  }

  /** The arguments as given, for passing on to worker processes. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          args.add("--" + name);
          if (!spec(name).orElseThrow().isFlag()) {
            args.add(value);
          }
        });
    return args;
  }

  public static String usage(String synopsis, List<OptionSpec> specs) {
    StringBuilder text = new StringBuilder("Usage: ").append(synopsis).append("\n\nOptions:\n");
    for (OptionSpec spec : specs) {
      String left = "  --" + spec.name() + (spec.isFlag() ? "" : " " + spec.valueLabel());
      text.append(
          String.format(
              "%-28s %s%s%n",
              left, spec.description(), spec.env() == null ? "" : " [env " + spec.env() + "]"));
    }
    return text.toString();
  }

  private Optional<OptionSpec> spec(String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
