package dev.vcon.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The host runs of one row group, round by round: every variant ran once per round, in turn, so
 * drift in the machine's speed hits all alike; differences to "no agent" are taken pair by pair
 * within a round and their median quoted.
 */
final class Measurements {
  private final Map<String, List<HostRun>> runs = new LinkedHashMap<>();
  private final Map<String, List<Double>> spansPerRun = new LinkedHashMap<>();

  void add(Variant variant, HostRun run, double spans) {
    runs.computeIfAbsent(variant.label(), k -> new ArrayList<>()).add(run);
    spansPerRun.computeIfAbsent(variant.label(), k -> new ArrayList<>()).add(spans);
  }

  boolean has(Variant variant) {
    return runs.containsKey(variant.label());
  }

  double median(Variant variant, ToDoubleFunction<HostRun> figure) {
    List<Double> values = new ArrayList<>();
    for (HostRun run : runs.get(variant.label())) {
      values.add(figure.applyAsDouble(run));
    }
    return median(values);
  }

  /** Median over rounds of {@code figure(variant) - figure(base)} in the same round. */
  double medianDifference(Variant variant, Variant base, ToDoubleFunction<HostRun> figure) {
    List<HostRun> a = runs.get(variant.label());
    List<HostRun> b = runs.get(base.label());
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      values.add(figure.applyAsDouble(a.get(i)) - figure.applyAsDouble(b.get(i)));
    }
    return median(values);
  }

  double medianSpans(Variant variant) {
    return median(spansPerRun.get(variant.label()));
  }

  String otherThreads(Variant variant) {
    List<HostRun> list = runs.get(variant.label());
    return list.get(list.size() - 1).otherThreads();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
