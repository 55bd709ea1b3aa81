package dev.vcon.sample.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vcon.sample.link.Link;
import dev.vcon.sample.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a conserver-style YAML configuration ({@code links}, {@code storages}, {@code chains}) and
 * checks it completely before anything runs, so every mistake is reported as file, line and key
 * instead of surfacing later as a failed vCon.
 */
public final class ConfigLoader {

  /** The configuration shipped in the jar, used when {@code run} gets no {@code --config}. */
  public static final String DEFAULT_RESOURCE = "/conserver-default.yml";

  private static final Set<String> ROOT_KEYS = Set.of("links", "storages", "chains");
  private static final Set<String> COMPONENT_KEYS = Set.of("class", "options");
  private static final Set<String> CHAIN_KEYS =
      Set.of("links", "ingress_lists", "storages", "egress_lists", "parallel_storages", "enabled");

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private final String source;
  private final Map<String, Integer> lines;

  private ConfigLoader(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  public static ConserverConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), 0, "", "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static ConserverConfig loadDefault() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " missing from the jar");
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConserverConfig parse(String yaml, String source) {
    JsonNode root;
    Map<String, Integer> lines;
    try {
      lines = lineIndex(yaml);
      root = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(source, line, "", "not valid YAML: " + e.getOriginalMessage());
    }
    return new ConfigLoader(source, lines).read(root);
  }

  /**
   * Maps each JSON pointer in the document to the line it starts on. Jackson's tree keeps no
   * locations, so one streaming pass records them first.
   */
  private static Map<String, Integer> lineIndex(String yaml) throws JsonProcessingException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        lines.putIfAbsent(
            parser.getParsingContext().pathAsPointer().toString(),
            parser.currentTokenLocation().getLineNr());
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private ConserverConfig read(JsonNode root) {
    KeyPath top = KeyPath.ROOT;
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw error(top, "the file is empty; expected links, storages and chains");
    }
    ObjectNode rootObject = requireMapping(root, top);
    rejectUnknownKeys(rootObject, top, ROOT_KEYS);

    Map<String, ComponentSpec> links =
        readComponents(rootObject.path("links"), top.child("links"), Link.class);
    Map<String, ComponentSpec> storages =
        readComponents(rootObject.path("storages"), top.child("storages"), Storage.class);
    Map<String, ChainSpec> chains =
        readChains(rootObject.path("chains"), top.child("chains"), links, storages);
    return new ConserverConfig(source, links, storages, chains);
  }

  private Map<String, ComponentSpec> readComponents(JsonNode node, KeyPath path, Class<?> type) {
    Map<String, ComponentSpec> result = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return result;
    }
    for (Map.Entry<String, JsonNode> entry : requireMapping(node, path).properties()) {
      KeyPath at = path.child(entry.getKey());
      ObjectNode spec = requireMapping(entry.getValue(), at);
      rejectUnknownKeys(spec, at, COMPONENT_KEYS);
      JsonNode className = spec.path("class");
      if (!className.isTextual() || className.asText().isBlank()) {
        throw error(
            at.child("class"),
            "required: the fully qualified name of a class implementing " + type.getName());
      }
      checkImplements(className.asText(), type, at.child("class"));
      Map<String, Object> options = Map.of();
      JsonNode optionsNode = spec.path("options");
      if (!optionsNode.isMissingNode() && !optionsNode.isNull()) {
        options = toMap(requireMapping(optionsNode, at.child("options")));
      }
      result.put(
          entry.getKey(),
          new ComponentSpec(entry.getKey(), className.asText(), options, at.display(), lineOf(at)));
    }
    return result;
  }

  private void checkImplements(String className, Class<?> type, KeyPath at) {
    Class<?> found;
    try {
      found = Class.forName(className, false, ConfigLoader.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw error(at, "class " + className + " not found");
    }
    if (!type.isAssignableFrom(found)) {
      throw error(at, "class " + className + " does not implement " + type.getName());
    }
  }

  private Map<String, ChainSpec> readChains(
      JsonNode node,
      KeyPath path,
      Map<String, ComponentSpec> links,
      Map<String, ComponentSpec> storages) {
    if (node.isMissingNode() || node.isNull()) {
      throw error(path, "required: at least one chain");
    }
    Map<String, ChainSpec> result = new LinkedHashMap<>();
    Map<String, String> chainByIngress = new HashMap<>();
    for (Map.Entry<String, JsonNode> entry : requireMapping(node, path).properties()) {
      String name = entry.getKey();
      KeyPath at = path.child(name);
      ObjectNode chain = requireMapping(entry.getValue(), at);
      rejectUnknownKeys(chain, at, CHAIN_KEYS);

      List<String> chainLinks = names(chain.path("links"), at.child("links"), links, "link");
      List<String> ingress =
          names(chain.path("ingress_lists"), at.child("ingress_lists"), null, null);
      if (ingress.isEmpty()) {
        throw error(at.child("ingress_lists"), "required: at least one list to read vCons from");
      }
      List<String> chainStorages =
          names(chain.path("storages"), at.child("storages"), storages, "storage");
      List<String> egress = names(chain.path("egress_lists"), at.child("egress_lists"), null, null);
      boolean parallel =
          flag(chain.path("parallel_storages"), at.child("parallel_storages"), false);
      boolean enabled = flag(chain.path("enabled"), at.child("enabled"), true);

      if (enabled) {
        for (int i = 0; i < ingress.size(); i++) {
          String previous = chainByIngress.putIfAbsent(ingress.get(i), name);
          if (previous != null) {
            throw error(
                at.child("ingress_lists").index(i),
                "list "
                    + ingress.get(i)
                    + " already feeds chain "
                    + previous
                    + "; one list feeds one chain");
          }
        }
      }
      result.put(
          name, new ChainSpec(name, chainLinks, ingress, chainStorages, egress, parallel, enabled));
    }
    if (chainByIngress.isEmpty()) {
      throw error(path, "no enabled chain");
    }
    return result;
  }

  /** A list of names; each must be a key of {@code known} when it is given. */
  private List<String> names(
      JsonNode node, KeyPath path, Map<String, ComponentSpec> known, String kind) {
    List<String> result = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return result;
    }
    if (!node.isArray()) {
      throw error(path, "must be a list, e.g. [a, b]");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      KeyPath at = path.index(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw error(at, "must be a name, not " + item);
      }
      if (known != null && !known.containsKey(item.asText())) {
        throw error(at, "unknown " + kind + " '" + item.asText() + "'; defined: " + known.keySet());
      }
      result.add(item.asText());
    }
    return result;
  }

  /** conserver writes {@code enabled: 1}; accept 0/1 as well as booleans. */
  private boolean flag(JsonNode node, KeyPath path, boolean fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isInt() && (node.asInt() == 0 || node.asInt() == 1)) {
      return node.asInt() == 1;
    }
    throw error(path, "must be true or false, not " + node);
  }

  private ObjectNode requireMapping(JsonNode node, KeyPath path) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw error(path, "must be a mapping (key: value lines), not " + describe(node));
  }

  private void rejectUnknownKeys(ObjectNode node, KeyPath path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw error(
            path.child(key), "unknown key; expected one of " + allowed.stream().sorted().toList());
      }
    }
  }

  private static Map<String, Object> toMap(ObjectNode node) {
    Map<String, Object> map = new LinkedHashMap<>();
    node.properties()
        .forEach(e -> map.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class)));
    return map;
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  private ConfigException error(KeyPath path, String problem) {
    return new ConfigException(source, lineOf(path), path.display(), problem);
  }

  /** The line of the key, or of the closest enclosing key written in the file. */
  private int lineOf(KeyPath path) {
    for (KeyPath p = path; p != null; p = p.parent()) {
      Integer line = lines.get(p.pointer());
      if (line != null) {
        return line;
      }
    }
    return 0;
  }
}
