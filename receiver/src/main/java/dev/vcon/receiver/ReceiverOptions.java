package dev.vcon.receiver;

import java.nio.file.Path;
import java.time.Duration;

/** The command line of {@link ReceiverMain}; every listener is on 127.0.0.1. */
record ReceiverOptions(
    int grpcPort,
    int httpPort,
    int uiPort,
    Path jsonl,
    Duration duration,
    Duration refresh,
    TableMode table,
    Path portsFile) {

  /** How the live table is printed. */
  enum TableMode {
    /** Cleared and redrawn in place (a terminal). */
    REDRAW,
    /** Appended, one block per refresh (a log file, a pipe). */
    APPEND,
    /** Only the closing summary. */
    OFF
  }

  static final String USAGE =
      """
      usage: java -jar vcon-otlp-receiver.jar [options]
        A local OTLP receiver (grpc and http/protobuf, loopback only) with a live table of the
        conserver metrics per service.instance.id and a live page. Ctrl-C prints a summary.
        --grpc-port N     OTLP/gRPC port (default 4317; 0 = any free port)
        --http-port N     OTLP/HTTP protobuf port (default 4318; 0 = any free port)
        --ui-port N       the page (default 4380; 0 = any free port; -1 = no page)
        --jsonl FILE      also write every request received as one line of OTLP/JSON
        --duration S      stop after S seconds (default: run until stopped)
        --refresh S       table refresh interval in seconds (default 5, as the agent's export interval)
        --table MODE      redraw | append | off (default: redraw on a terminal, else append)
        --ports-file FILE write grpc.port, http.port, ui.port there once listening
        --help            this text
      """;

  static ReceiverOptions parse(String[] args) {
    int grpc = 4317;
    int http = 4318;
    int ui = 4380;
    Path jsonl = null;
    Duration duration = null;
    Duration refresh = Duration.ofSeconds(5);
    TableMode table = onTerminal() ? TableMode.REDRAW : TableMode.APPEND;
    Path portsFile = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new UsageException(null);
      }
      if (i + 1 >= args.length) {
        throw new UsageException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--grpc-port" -> grpc = port(a, v, false);
        case "--http-port" -> http = port(a, v, false);
        case "--ui-port" -> ui = port(a, v, true);
        case "--jsonl" -> jsonl = Path.of(v);
        case "--duration" -> duration = Duration.ofMillis(Math.round(seconds(a, v) * 1000));
        case "--refresh" ->
            refresh = Duration.ofMillis(Math.max(100, Math.round(seconds(a, v) * 1000)));
        case "--table" -> table = tableMode(v);
        case "--ports-file" -> portsFile = Path.of(v);
        default -> throw new UsageException("unknown option " + a);
      }
    }
    return new ReceiverOptions(grpc, http, ui, jsonl, duration, refresh, table, portsFile);
  }

  /**
   * Whether stdout is a terminal. From Java 22 {@code System.console()} is not null for a pipe
   * either, and {@code Console.isTerminal()} (Java 22) says; it is looked up so this compiles for
   * 17.
   */
  private static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17 to 21: a console exists only on a terminal
    }
  }

  private static int port(String option, String v, boolean offAllowed) {
    try {
      int p = Integer.parseInt(v);
      if ((p >= 0 && p <= 65535) || (offAllowed && p == -1)) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        option + " " + v + ": expected a port 0-65535" + (offAllowed ? " or -1" : ""));
  }

  private static double seconds(String option, String v) {
    try {
      double s = Double.parseDouble(v);
      if (s > 0) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " " + v + ": expected a positive number of seconds");
  }

  private static TableMode tableMode(String v) {
    return switch (v) {
      case "redraw" -> TableMode.REDRAW;
      case "append" -> TableMode.APPEND;
      case "off" -> TableMode.OFF;
      default -> throw new UsageException("--table " + v + ": expected redraw, append or off");
    };
  }

  /** A bad command line; a null message asks for the usage text only. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
