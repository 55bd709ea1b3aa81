package dev.vcon.receiver;

import com.google.protobuf.util.JsonFormat;
import dev.vcon.it.otlp.ReceivedRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes each request as one line of OTLP/JSON (the collector's file exporter format): the protobuf
 * JSON mapping with enums as integers and trace and span ids as hex, as the OTLP specification
 * requires instead of protobuf's base64.
 */
final class JsonLinesWriter implements Consumer<ReceivedRequest>, AutoCloseable {
  private static final Pattern ID =
      Pattern.compile("\"(traceId|spanId|parentSpanId)\":\"([A-Za-z0-9+/]*={0,2})\"");
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private final Path file;
  private final BufferedWriter out;
  private boolean failed;

  JsonLinesWriter(Path file) {
    this.file = file;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void accept(ReceivedRequest r) {
    if (failed) {
      return;
    }
    try {
      out.write(otlpJson(PRINTER.print(r.request())));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      // One line, then stop writing: the live view keeps working.
      failed = true;
      System.err.println(
          "vcon-otlp-receiver: writing " + file + " failed (" + e.getMessage() + "); stopped");
    }
  }

  static String otlpJson(String protobufJson) {
    Matcher m = ID.matcher(protobufJson);
    StringBuilder out = new StringBuilder(protobufJson.length());
    while (m.find()) {
      String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(2)));
      m.appendReplacement(out, "\"" + m.group(1) + "\":\"" + hex + "\"");
    }
    m.appendTail(out);
    return out.toString();
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // Closing at exit: nothing left to tell.
    }
  }
}
