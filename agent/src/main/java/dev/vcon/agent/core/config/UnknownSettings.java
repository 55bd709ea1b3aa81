package dev.vcon.agent.core.config;

import dev.vcon.agent.core.share.ShareMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds {@code vcon.agent.*} keys the agent does not read (a typo silently does nothing otherwise)
 * and says so, one line each, with the closest known key by edit distance. In the properties file a
 * key that is neither {@code vcon.agent.*} nor {@code otel.*} is reported too: the agent reads
 * nothing else from it, so such a key is most likely a missing prefix.
 */
final class UnknownSettings {

  private static final String PREFIX = "vcon.agent.";
  private static final String ENV_PREFIX = "VCON_AGENT_";

  /** Values are echoed so the user finds the line; a long one is cut, it is only a hint. */
  private static final int VALUE_SHOWN = 80;

  private UnknownSettings() {}

  /** Every key the agent reads, in property form. */
  static List<String> knownKeys() {
    List<String> keys = new ArrayList<>();
    Collections.addAll(
        keys,
        AgentConfig.CONFIG,
        AgentConfig.ENABLED,
        AgentConfig.INSTANCE_ID,
        AgentConfig.INSTANCE_ID_FORMAT,
        AgentConfig.SHUTDOWN_TIMEOUT,
        AgentConfig.START_DELAY,
        AgentConfig.DRAIN_TIMEOUT,
        ShareMode.KEY);
    for (Role role : Role.values()) {
      keys.add(role.key(RoleConfig.METHODS));
      for (String suffix : role.requiredExpressions()) {
        keys.add(role.key(suffix));
      }
      for (String suffix : role.optionalExpressions()) {
        keys.add(role.key(suffix));
      }
    }
    return keys;
  }

  static void report(
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file,
      Consumer<String> problems) {
    List<String> known = knownKeys();
    Set<String> knownEnv = new LinkedHashSet<>();
    for (String key : known) {
      knownEnv.add(LayeredSettings.environmentName(key));
    }
    for (String key : sorted(systemProperties)) {
      if (key.startsWith(PREFIX) && !known.contains(key)) {
        problems.accept(
            line("-D" + key, systemProperties.get(key), closest(key, known), "system property"));
      }
    }
    for (String name : sorted(environment)) {
      if (name.startsWith(ENV_PREFIX) && !knownEnv.contains(name)) {
        String suggestion = closest(name, new ArrayList<>(knownEnv));
        problems.accept(line(name, environment.get(name), suggestion, "environment variable"));
      }
    }
    for (String key : sorted(file)) {
      if (key.startsWith(PREFIX) ? !known.contains(key) : !key.startsWith("otel.")) {
        // An unprefixed key is compared as if it had the prefix: "chain.methods" is a lost prefix.
        String asAgentKey = key.startsWith(PREFIX) ? key : PREFIX + key;
        problems.accept(
            line(key, file.get(key), closest(asAgentKey, known), "properties file key"));
      }
    }
  }

  private static List<String> sorted(Map<String, String> source) {
    if (source == null) {
      return Collections.emptyList();
    }
    List<String> keys = new ArrayList<>(source.keySet());
    Collections.sort(keys);
    return keys;
  }

  private static String line(String key, String value, String suggestion, String kind) {
    String shown = value == null ? "" : value.replaceAll("\\s+", " ");
    if (shown.length() > VALUE_SHOWN) {
      shown = shown.substring(0, VALUE_SHOWN) + "...";
    }
    return AgentConfig.PROBLEM_PREFIX
        + "unknown "
        + kind
        + " "
        + key
        + "='"
        + shown
        + "'"
        + (suggestion == null
            ? "; the agent does not read it (known keys are listed in the README)"
            : "; did you mean " + suggestion + "?")
        + "; ignored";
  }

  /**
   * The known key nearest to {@code key} by edit distance, or null when even the nearest differs in
   * more than a third of its characters (then it is not a typo of it).
   */
  static String closest(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = editDistance(key, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance * 3 <= best.length() ? best : null;
  }

  /** Levenshtein distance, two rows; keys are short. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
