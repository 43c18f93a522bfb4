package app.collections.search;

import com.fasterxml.jackson.databind.JsonNode;
import app.collections.json.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/** Reading what a model wrote back: the JSON object in its reply, item ids it cites. Lenient: a model may wrap or garble. */
public final class ModelReplies {
  private ModelReplies() {}

  /** The JSON object in a reply, tolerating prose or a code fence around it; empty if none. */
  public static JsonNode json(String text) {
    int start = text == null ? -1 : text.indexOf('{');
    int end = text == null ? -1 : text.lastIndexOf('}');
    if (start < 0 || end < start) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text.substring(start, end + 1));
      return node.isObject() ? node : Json.MAPPER.createObjectNode();
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  /** An item id, when {@code text} is one. */
  public static Optional<UUID> parseId(String text) {
    try {
      return Optional.of(UUID.fromString(text.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
