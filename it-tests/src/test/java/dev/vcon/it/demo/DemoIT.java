package dev.vcon.it.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@code ./demo.sh} exactly as the README says, in a bounded run on free ports: a real browser
 * renders its page while it runs, and the run ends with the machine-readable summary line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
  /** Long enough for the workers to start and export several times on a loaded machine. */
  private static final String DURATION_SECONDS = "60";

  private static final Pattern PAGE = Pattern.compile("live page: (http://127\\.0\\.0\\.1:\\d+/)");
  private static final Pattern SUMMARY =
      Pattern.compile(
          "summary: instances=(\\d+) processed=(\\d+) failed=(\\d+) traces=(\\d+)"
              + " roots_with_links=(\\d+) orphans=(\\d+) inflight_peak_sum=(\\d+)");

  private final Path root = Path.of(System.getProperty("vcon.it.repoRoot")).toAbsolutePath();
  private final Path logDir = Path.of(System.getProperty("vcon.it.logDir"), "DemoIT");
  private final Path output = logDir.resolve("demo.out");
  private Process demo;
  private String pageUrl;

  @BeforeAll
  void startDemo() throws IOException {
    Files.createDirectories(logDir);
    demo =
        new ProcessBuilder(
                "./demo.sh",
                "--duration",
                DURATION_SECONDS,
                "--grpc-port",
                "0",
                "--http-port",
                "0",
                "--ui-port",
                "0",
                "--work-dir",
                logDir.resolve("work").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    await("the demo's page link in " + output)
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> pageLink() != null || !demo.isAlive());
    pageUrl = pageLink();
    assertThat(pageUrl).as("page link printed by the demo; output in %s", output).isNotNull();
  }

  @AfterAll
  void stopDemo() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroy);
      demo.destroy();
    }
  }

  private String pageLink() throws IOException {
    Matcher m = PAGE.matcher(Files.readString(output, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  @Test
  @Order(1)
  void pageShowsEachWorkerAsItsOwnSeriesAndTraceTreesWithoutConsoleErrors() throws Exception {
    Chromium chromium = Chromium.findOrSkip(logDir.resolve("chromium"));
    // Render only once both workers have exported metrics and spans have arrived.
    await("two instances and some traces on " + pageUrl)
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonObject state = state();
              return state.getAsJsonArray("instances").size() == 2
                  && state.get("traces").getAsLong() > 0;
            });

    Chromium.Result page = chromium.dumpDom(pageUrl, 8000);

    String dom = page.stdout();
    assertThat(dom).as("DOM in %s", page.log()).contains("data-errors=\"0\"");
    assertThat(dom).contains("data-instances=\"2\"");
    assertThat(attribute(dom, "data-traces")).isPositive();
    assertThat(dom).contains("<details class=\"trace\"", "link.delay", "storage.file");
    assertThat(dom).contains("link to the producer: trace ");
    assertThat(dom).contains("without instance id");
    // uPlot drew the charts: its legend lists every line of the in-flight chart.
    assertThat(dom).contains("sum of instances", "without instance id (last write wins)");
    assertThat(page.consoleMessages()).as("console messages of the page").isEmpty();

    Path png = Path.of(System.getProperty("vcon.it.logDir")).getParent().resolve("demo-page.png");
    chromium.screenshot(pageUrl, 8000, png);
    assertThat(png).isNotEmptyFile();
  }

  @Test
  @Order(2)
  void runEndsWithASummaryLineCountingBothWorkersOneTracePerVconAndNoOrphans() throws Exception {
    assertThat(demo.waitFor(10, TimeUnit.MINUTES)).as("demo ended; output in %s", output).isTrue();
    List<String> lines =
        Files.readAllLines(output, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .collect(Collectors.toList());
    assertThat(demo.exitValue()).as("exit status; output in %s", output).isZero();
    String last = lines.get(lines.size() - 1);
    Matcher m = SUMMARY.matcher(last);
    assertThat(m.matches()).as("last line '%s' is the summary line", last).isTrue();
    Map<String, Long> s =
        Map.of(
            "instances", Long.parseLong(m.group(1)),
            "processed", Long.parseLong(m.group(2)),
            "failed", Long.parseLong(m.group(3)),
            "traces", Long.parseLong(m.group(4)),
            "roots_with_links", Long.parseLong(m.group(5)),
            "orphans", Long.parseLong(m.group(6)),
            "inflight_peak_sum", Long.parseLong(m.group(7)));
    assertThat(s.get("instances")).isEqualTo(2);
    assertThat(s.get("processed")).isPositive();
    // One trace per chain run, whether it returned or threw.
    assertThat(s.get("traces")).isEqualTo(s.get("processed") + s.get("failed"));
    // vCons were produced with and without an upstream context.
    assertThat(s.get("roots_with_links")).isPositive().isLessThan(s.get("traces"));
    assertThat(s.get("orphans")).isZero();
    assertThat(s.get("inflight_peak_sum")).isPositive();
    assertThat(lines).anyMatch(l -> l.startsWith("example trace "));
  }

  private JsonObject state() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(pageUrl + "api/state")).build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static long attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
