package dev.vcon.sample.vcon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Checks the parts of the IETF vCon core draft this server relies on: {@code uuid}, {@code vcon},
 * an ISO-8601 {@code created_at}, parties identified by tel, mailto or name, dialogs of a known
 * type whose party indexes exist, and {@code analysis}/{@code attachments} as arrays.
 */
public final class VconValidator {

  private static final Set<String> DIALOG_TYPES =
      Set.of("text", "recording", "transfer", "incomplete");

  private VconValidator() {}

  /** Returns the parsed vCon, or throws {@link InvalidVconException} naming the first problem. */
  public static ObjectNode requireValid(String expectedUuid, String json) {
    ObjectNode vcon;
    try {
      vcon = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidVconException(expectedUuid, e.getMessage());
    }
    String problem = firstProblem(expectedUuid, vcon);
    if (problem != null) {
      throw new InvalidVconException(expectedUuid, problem);
    }
    return vcon;
  }

  /** The first problem found, or null when the vCon is valid. */
  public static String firstProblem(String expectedUuid, ObjectNode vcon) {
    if (!vcon.path("uuid").isTextual()) {
      return "missing uuid";
    }
    if (expectedUuid != null && !expectedUuid.equals(vcon.get("uuid").asText())) {
      return "uuid " + vcon.get("uuid").asText() + " does not match its key";
    }
    if (!vcon.path("vcon").isTextual()) {
      return "missing vcon version";
    }
    if (!isTimestamp(vcon.path("created_at"))) {
      return "created_at is not an ISO-8601 date-time";
    }
    JsonNode parties = vcon.path("parties");
    if (!parties.isArray() || parties.isEmpty()) {
      return "parties must be a non-empty array";
    }
    for (int i = 0; i < parties.size(); i++) {
      JsonNode party = parties.get(i);
      if (!party.has("tel") && !party.has("mailto") && !party.has("name")) {
        return "parties[" + i + "] has none of tel, mailto, name";
      }
    }
    JsonNode dialogs = vcon.path("dialog");
    if (!dialogs.isMissingNode() && !dialogs.isArray()) {
      return "dialog must be an array";
    }
    for (int i = 0; i < dialogs.size(); i++) {
      String problem = dialogProblem(dialogs.get(i), parties.size());
      if (problem != null) {
        return "dialog[" + i + "] " + problem;
      }
    }
    for (String field : new String[] {"analysis", "attachments"}) {
      if (vcon.has(field) && !vcon.get(field).isArray()) {
        return field + " must be an array";
      }
    }
    return null;
  }

  private static String dialogProblem(JsonNode dialog, int partyCount) {
    if (!DIALOG_TYPES.contains(dialog.path("type").asText())) {
      return "has unknown type '" + dialog.path("type").asText() + "'";
    }
    if (!isTimestamp(dialog.path("start"))) {
      return "start is not an ISO-8601 date-time";
    }
    for (JsonNode index : dialog.path("parties")) {
      if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= partyCount) {
        return "refers to party " + index + " that does not exist";
      }
    }
    return null;
  }

  private static boolean isTimestamp(JsonNode node) {
    if (!node.isTextual()) {
      return false;
    }
    try {
      OffsetDateTime.parse(node.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
