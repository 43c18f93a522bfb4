package app.collections.search;

import app.collections.analyses.Analysis;
import app.collections.items.Item;
import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An item as the model reads it: JSON with the analysis' fields, so text from the user's images
 * arrives as quoted data inside a structure, never as prose that could pass for instructions.
 * Lists and texts are capped, which keeps tool results (and so the stored thread) small.
 */
public final class ItemDigest {
  private static final int MAX_TEXT = 400;

  private ItemDigest() {}

  /** The fields that identify and summarise an item: what search results show. */
  public static ObjectNode brief(Item item, Analysis analysis) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("itemId", item.id().toString());
    node.put("savedAt", item.createdAt().toLocalDate().toString());
    if (analysis == null) {
      node.put("status", item.status().name());
      return node;
    }
    node.put("category", analysis.category());
    node.put("headline", cap(analysis.headline()));
    node.put("summary", cap(analysis.summary()));
    copy(analysis.raw().path("media_metadata").path("location_tags"), node.putArray("places"), 5);
    return node;
  }

  /** Everything useful for answering about one item. */
  public static ObjectNode full(Item item, Analysis analysis) {
    ObjectNode node = brief(item, analysis);
    if (analysis == null) {
      return node;
    }
    JsonNode details = analysis.raw().path("image_details");
    JsonNode media = analysis.raw().path("media_metadata");
    copy(details.path("extracted_text"), node.putArray("textInImage"), 20);
    copy(details.path("objects"), node.putArray("objects"), 10);
    node.put("keyInterest", cap(details.path("key_interest").asText(null)));
    node.put("likelySource", details.path("likely_source").asText(null));
    node.put("originalPoster", media.path("original_poster").asText(null));
    copy(media.path("hashtags"), node.putArray("hashtags"), 10);
    return node;
  }

  private static void copy(JsonNode from, ArrayNode to, int max) {
    for (int i = 0; i < from.size() && i < max; i++) {
      to.add(cap(from.get(i).asText()));
    }
  }

  private static String cap(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }
}
