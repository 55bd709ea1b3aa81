package dev.vcon.agent.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/** Reads the agent's properties file (UTF-8); a file that cannot be read is one problem line. */
final class PropertiesFile {

  private PropertiesFile() {}

  /**
   * The file's entries, or an empty map after reporting one problem line.
   *
   * @param namedBy what named the file, for the problem line (a setting, or the agent argument)
   * @param fix what the user should do, for the problem line
   */
  static Map<String, String> read(
      String path, String namedBy, String fix, Consumer<String> problems) {
    try {
      Path file = Paths.get(path);
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        values.put(key, properties.getProperty(key));
      }
      return values;
    } catch (IOException | RuntimeException e) {
      // RuntimeException covers an invalid path and a malformed \\uXXXX escape in the file.
      problems.accept(
          AgentConfig.PROBLEM_PREFIX
              + "cannot read the properties file '"
              + path
              + "' named by "
              + namedBy
              + " ("
              + describe(e)
              + "); "
              + fix
              + "; continuing without the file");
      return Collections.emptyMap();
    }
  }

  private static String describe(Exception e) {
    // The NIO exceptions' messages are just the path again, which the line already names.
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
