package dev.vcon.it.bench;

import static dev.vcon.it.bench.Bench.NONE;
import static dev.vcon.it.bench.Bench.OFFICIAL_LIVE;
import static dev.vcon.it.bench.Bench.OFFICIAL_OFF;
import static dev.vcon.it.bench.Bench.OFFICIAL_REFUSING;
import static dev.vcon.it.bench.Bench.OURS_LIVE;
import static dev.vcon.it.bench.Bench.OURS_OFF;
import static dev.vcon.it.bench.Bench.OURS_REFUSING;
import static dev.vcon.it.bench.Bench.SPANS_PER_RUN;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The one table the benchmark prints, in Markdown: per row the no-agent median, our agent's and the
 * official agent's medians with their paired difference to no agent, the ratio of the two
 * differences, and the target with "met" or "missed".
 */
final class BenchTable {
  private final Measurements tiny;
  private final Measurements one;
  private final Measurements many;
  private final BenchMode mode;
  private final StringBuilder out = new StringBuilder();

  BenchTable(Measurements tiny, Measurements one, Measurements many, BenchMode mode) {
    this.tiny = tiny;
    this.one = one;
    this.many = many;
    this.mode = mode;
  }

  String render() {
    out.append(
        "| # | what the host does | no agent | vcon-otel-agent (+ over none) |"
            + " official 2.33.1 (+ over none) | ours/official overhead | target |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");

    ToDoubleFunction<HostRun> first = HostRun::firstRunMillis;
    ToDoubleFunction<HostRun> wall = HostRun::wallMillis;
    double oursFirst = tiny.medianDifference(OURS_LIVE, NONE, first);
    row(
        "1",
        "JVM start to end of first chain run, live receiver (ms)",
        tiny,
        OURS_LIVE,
        OFFICIAL_LIVE,
        first,
        "%.0f",
        verdict("≤ +100 ms", oursFirst <= 100));

    double oursTiny = tiny.medianDifference(OURS_LIVE, NONE, wall);
    double officialTinyOff = tiny.medianDifference(OFFICIAL_OFF, NONE, wall);
    row(
        "2a",
        "whole tiny run (2 threads × 10 runs), live receiver (ms)",
        tiny,
        OURS_LIVE,
        OFFICIAL_LIVE,
        wall,
        "%.0f",
        verdict(
            "≤ +200 ms and ≤ 10% of official's (exporters off: +"
                + fmt("%.0f", officialTinyOff)
                + ")",
            oursTiny <= 200 && oursTiny <= 0.1 * officialTinyOff));
    row(
        "2a",
        "… its CPU, user + system, start to exit (ms)",
        tiny,
        OURS_LIVE,
        OFFICIAL_LIVE,
        HostRun::cpuMillis,
        "%.0f",
        "");
    double refusingOverLive = tiny.medianDifference(OURS_REFUSING, OURS_LIVE, wall);
    row(
        "2b",
        "whole tiny run, collector refusing connections (ms)",
        tiny,
        OURS_REFUSING,
        OFFICIAL_REFUSING,
        wall,
        "%.0f",
        verdict(
            "≤ +100 ms over live (ours: " + signed("%.0f", refusingOverLive) + ")",
            refusingOverLive <= 100));
    row("2c", "whole tiny run, exporters off (ms)", tiny, OURS_OFF, OFFICIAL_OFF, wall, "%.0f", "");

    ToDoubleFunction<HostRun> perRun = HostRun::nanosPerRun;
    ToDoubleFunction<HostRun> perSpan = r -> r.nanosPerRun() / SPANS_PER_RUN;
    perRunRows("3a", "1 thread", one, perRun, perSpan, OURS_LIVE, OFFICIAL_LIVE, "½");
    perRunRows("3b", "64 threads", many, perRun, perSpan, OURS_LIVE, OFFICIAL_LIVE, "½");
    double throughput = many.median(NONE, perRun) / many.median(OURS_LIVE, perRun);
    out.append(
        String.format(
            Locale.ROOT,
            "| 3c | throughput on 64 threads, live receiver, relative to no agent | 1.00 | %.2f |"
                + " %.2f | | %s |\n",
            throughput,
            many.median(NONE, perRun) / many.median(OFFICIAL_LIVE, perRun),
            verdict("≥ 0.90", throughput >= 0.9)));
    perRunRows(
        "3d", "64 threads, exporters off", many, perRun, perSpan, OURS_OFF, OFFICIAL_OFF, "⅕");

    ToDoubleFunction<HostRun> rss = HostRun::peakRssMiB;
    row(
        "4a",
        "peak RSS, tiny run, live receiver (MiB)",
        tiny,
        OURS_LIVE,
        OFFICIAL_LIVE,
        rss,
        "%.0f",
        verdict("≤ +40 MiB", tiny.medianDifference(OURS_LIVE, NONE, rss) <= 40));
    row(
        "4b",
        "peak RSS after "
            + String.format(Locale.ROOT, "%,d", mode.runs64 + mode.warmup64)
            + " runs on 64 threads, live receiver (MiB)",
        many,
        OURS_LIVE,
        OFFICIAL_LIVE,
        rss,
        "%.0f",
        verdict("≤ +64 MiB", many.medianDifference(OURS_LIVE, NONE, rss) <= 64));
    row(
        "4c",
        "allocation per chain run on the host's thread, 1 thread, live (bytes)",
        one,
        OURS_LIVE,
        OFFICIAL_LIVE,
        HostRun::hostBytesPerRun,
        "%.0f",
        "≤ 1 KiB beyond the spans' own data (see note)");

    ToDoubleFunction<HostRun> cpu = HostRun::otherCpuMillisPer10k;
    row(
        "5",
        "CPU of the agent's threads per 10,000 vCons, 64 threads, live (ms)",
        many,
        OURS_LIVE,
        OFFICIAL_LIVE,
        cpu,
        "%.1f",
        "");
    out.append(
        String.format(
            Locale.ROOT,
            "| 6 | spans received per chain run, tiny / 1 thread / 64 threads | 0 |"
                + " %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | | %d expected |\n",
            tiny.medianSpans(OURS_LIVE),
            one.medianSpans(OURS_LIVE),
            many.medianSpans(OURS_LIVE),
            tiny.medianSpans(OFFICIAL_LIVE),
            one.medianSpans(OFFICIAL_LIVE),
            many.medianSpans(OFFICIAL_LIVE),
            SPANS_PER_RUN));
    out.append("\nAgent threads counted in row 5: ours ")
        .append(many.otherThreads(OURS_LIVE))
        .append("; official ")
        .append(many.otherThreads(OFFICIAL_LIVE))
        .append('\n');
    return out.toString();
  }

  private void perRunRows(
      String number,
      String what,
      Measurements group,
      ToDoubleFunction<HostRun> perRun,
      ToDoubleFunction<HostRun> perSpan,
      Variant ours,
      Variant official,
      String share) {
    double oursOver = group.medianDifference(ours, NONE, perRun);
    double officialOver = group.medianDifference(official, NONE, perRun);
    double limit = share.equals("½") ? 0.5 : 0.2;
    row(
        number,
        "per chain run, " + what + (what.contains("off") ? "" : ", live receiver") + " (ns/run)",
        group,
        ours,
        official,
        perRun,
        "%.0f",
        verdict("overhead ≤ " + share + " of official's", oursOver <= limit * officialOver));
    row(number, "… per span (ns/span)", group, ours, official, perSpan, "%.0f", "");
    row(
        number,
        "… CPU of the whole process per run (ns/run)",
        group,
        ours,
        official,
        HostRun::cpuNanosPerRun,
        "%.0f",
        "");
  }

  private void row(
      String number,
      String what,
      Measurements group,
      Variant ours,
      Variant official,
      ToDoubleFunction<HostRun> figure,
      String format,
      String target) {
    double none = group.median(NONE, figure);
    double oursOver = group.medianDifference(ours, NONE, figure);
    double officialOver = group.medianDifference(official, NONE, figure);
    out.append("| ")
        .append(number)
        .append(" | ")
        .append(what)
        .append(" | ")
        .append(fmt(format, none))
        .append(" | ")
        .append(fmt(format, group.median(ours, figure)))
        .append(" (")
        .append(signed(format, oursOver))
        .append(") | ")
        .append(fmt(format, group.median(official, figure)))
        .append(" (")
        .append(signed(format, officialOver))
        .append(") | ")
        .append(officialOver > 0 ? fmt("%.2f", oursOver / officialOver) : "")
        .append(" | ")
        .append(target)
        .append(" |\n");
  }

  private static String verdict(String target, boolean met) {
    return target + ": **" + (met ? "met" : "missed") + "**";
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  private static String signed(String format, double value) {
    return (value >= 0 ? "+" : "") + fmt(format, value);
  }
}
