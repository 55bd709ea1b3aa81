package dev.vcon.sample.link;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.config.Options;
import dev.vcon.sample.queue.VconQueue;
import java.util.List;
import java.util.Map;

/**
 * Adds tags to the vCon, as conserver's tag link: an attachment (default) or an analysis entry of
 * type {@code tags} whose body is the list of {@code tags} option values ({@code "key:value"}).
 * Options: {@code tags} (list, default {@code ["processed:true"]}), {@code as} ({@code attachment}
 * or {@code analysis}).
 */
public final class TagLink implements Link {

  private VconQueue queue;
  private List<String> tags;
  private boolean asAnalysis;

  @Override
  public void init(Map<String, Object> options, ComponentContext context) {
    Options opts = new Options(options);
    this.queue = context.queue();
    this.tags = opts.strings("tags").isEmpty() ? List.of("processed:true") : opts.strings("tags");
    String as = opts.string("as").orElse("attachment");
    if (!as.equals("attachment") && !as.equals("analysis")) {
      throw new IllegalArgumentException("option as must be attachment or analysis, not " + as);
    }
    this.asAnalysis = as.equals("analysis");
  }

  @Override
  public String run(String vconUuid, String linkName, int linkIndex) {
    ObjectNode vcon = VconDocuments.load(queue, vconUuid);
    ArrayNode target = vcon.withArray(asAnalysis ? "analysis" : "attachments");
    ObjectNode entry = target.addObject();
    entry.put("type", "tags");
    if (asAnalysis) {
      entry.put("vendor", "sample-app").put("dialog", 0);
    }
    entry.put("encoding", "json");
    ArrayNode body = entry.putArray("body");
    tags.forEach(body::add);
    VconDocuments.save(queue, vcon);
    return vconUuid;
  }
}
