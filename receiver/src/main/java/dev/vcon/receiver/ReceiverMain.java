package dev.vcon.receiver;

import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vcon-otlp-receiver.jar}: listens for OTLP on loopback, shows the conserver
 * metrics per {@code service.instance.id} in a table refreshed in the terminal and on a page, and
 * prints a summary when stopped (Ctrl-C, SIGTERM or {@code --duration}).
 */
public final class ReceiverMain {
  /** Cursor up n lines ({@code %d}), then erase to the end of the screen. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private static final String UP_AND_ERASE = "\033[%dA\033[J";

  private final ReceiverOptions options;
  private final LiveView view = new LiveView();
  private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "receiver-table");
            t.setDaemon(true);
            return t;
          });
  private OtlpReceiver receiver;
  private PageServer page;
  private JsonLinesWriter jsonl;
  private String banner;
  private int drawnLines;

  private ReceiverMain(ReceiverOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws InterruptedException {
    ReceiverOptions options;
    try {
      options = ReceiverOptions.parse(args);
    } catch (ReceiverOptions.UsageException e) {
      if (e.getMessage() == null) {
        System.out.print(ReceiverOptions.USAGE);
        return;
      }
      System.err.println("vcon-otlp-receiver: " + e.getMessage());
      System.err.print(ReceiverOptions.USAGE);
      System.exit(2);
      return;
    }
    ReceiverMain main = new ReceiverMain(options);
    try {
      main.start();
    } catch (UncheckedIOException | IllegalStateException e) {
      main.closeQuietly();
      System.err.println(
          "vcon-otlp-receiver: "
              + e.getMessage()
              + "; pick other ports (--grpc-port, --http-port, --ui-port; 0 = any free port)");
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "receiver-stop"));
    if (options.duration() != null) {
      Thread.sleep(options.duration().toMillis());
      System.exit(0);
    }
    new CountDownLatch(1).await();
  }

  private void start() {
    OtlpStore store = new OtlpStore(false);
    store.addListener(view);
    if (options.jsonl() != null) {
      jsonl = new JsonLinesWriter(options.jsonl());
      store.addListener(jsonl);
    }
    receiver = OtlpReceiver.start(store, options.grpcPort(), options.httpPort());
    Map<String, Object> endpoints = new LinkedHashMap<>();
    endpoints.put("grpc", receiver.endpointGrpc());
    endpoints.put("http", receiver.endpointHttp());
    if (options.uiPort() >= 0) {
      page = new PageServer(options.uiPort(), new PageModel(view, endpoints));
      endpoints.put("page", pageUrl());
    }
    writePortsFile();
    banner =
        "vcon-otlp-receiver on loopback: grpc "
            + receiver.endpointGrpc()
            + "  http/protobuf "
            + receiver.endpointHttp()
            + (page != null ? "  page " + pageUrl() : "")
            + (jsonl != null ? "  jsonl " + options.jsonl() : "");
    out.println(banner);
    out.println(
        "  point a service at it: OTEL_EXPORTER_OTLP_ENDPOINT="
            + receiver.endpointGrpc()
            + "  (or "
            + receiver.endpointHttp()
            + " with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)");
    out.flush();
    if (options.table() != ReceiverOptions.TableMode.OFF) {
      long ms = options.refresh().toMillis();
      refresher.scheduleAtFixedRate(this::printTable, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private String pageUrl() {
    return "http://127.0.0.1:" + page.port() + "/";
  }

  private void writePortsFile() {
    if (options.portsFile() == null) {
      return;
    }
    String text =
        "grpc.port="
            + receiver.grpcPort()
            + "\nhttp.port="
            + receiver.httpPort()
            + "\nui.port="
            + (page != null ? page.port() : -1)
            + "\n";
    try {
      Path target = options.portsFile().toAbsolutePath();
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, text);
      // Renamed into place so a script polling for the file never reads half of it.
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + options.portsFile(), e);
    }
  }

  private void printTable() {
    try {
      String table = TerminalTable.table(view);
      String time = LocalTime.now().format(TIME);
      if (options.table() == ReceiverOptions.TableMode.REDRAW) {
        // Redrawn over the previous table only, so what was printed above it stays readable.
        String text = time + "\n" + table;
        out.print((drawnLines > 0 ? String.format(UP_AND_ERASE, drawnLines) : "") + text);
        drawnLines = (int) text.chars().filter(c -> c == '\n').count();
      } else {
        out.print("\n" + time + "\n" + table);
      }
      out.flush();
    } catch (RuntimeException e) {
      // The table must never stop the receiver; say it once per refresh and keep going.
      System.err.println("vcon-otlp-receiver: table failed: " + e);
    }
  }

  private void stop() {
    refresher.shutdownNow();
    try {
      refresher.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
    out.print(TerminalTable.summary(view));
    out.flush();
  }

  private void closeQuietly() {
    if (receiver != null) {
      receiver.close();
    }
    if (page != null) {
      page.close();
    }
    if (jsonl != null) {
      jsonl.close();
    }
  }
}
