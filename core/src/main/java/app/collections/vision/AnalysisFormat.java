package app.collections.vision;

import app.collections.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import app.collections.items.Categories;
import java.util.List;

/**
 * The analysis format (that of ../shared/eval/golden_analyses.json): the one prompt that asks a
 * vision model for it, and the strict parser that accepts nothing else (but any category).
 */
public final class AnalysisFormat {
  static final List<String> IMAGE_DETAIL_LISTS = List.of(
      "extracted_text", "objects", "themes", "emotions", "vibes", "visual_hierarchy");
  static final List<String> MEDIA_LISTS = List.of("tagged_accounts", "location_tags", "hashtags");
  private static final int MAX_REPLY_CHARS = 100_000;

  private AnalysisFormat() {}

  public static final String PROMPT = """
      You analyse one image from a person's saved collection: usually a phone screenshot of a \
      social-media post, or a photo of travel, food, shops or products. Reply with ONE JSON object \
      and nothing else (no prose, no code fence), with exactly these keys:

      {
        "category": the best fit of %s; only when none of them fits, a new one- or two-word category in Title Case,
        "subcategories": [2-4 short lower-case tags, e.g. "restaurants", "budget", "attractions"],
        "headline": "one line naming the specific subject: place, dish, product, price, with proper names",
        "summary": "2-3 factual sentences: what it is, where, what it costs, why it was saved",
        "media_metadata": {
          "original_poster": "the account or author shown, or null",
          "tagged_accounts": ["@handles tagged"],
          "location_tags": ["lower-case places: venue, neighbourhood, city country"],
          "audio_source": "the post's sound or music credit, or null",
          "hashtags": ["#tags shown"]
        },
        "image_details": {
          "extracted_text": ["every piece of legible text, one string per line or block, verbatim"],
          "objects": ["visible objects and UI elements"],
          "themes": ["topics"],
          "emotions": ["feelings it conveys"],
          "vibes": ["aesthetic adjectives"],
          "visual_hierarchy": ["what the eye meets first, in order"],
          "likely_source": "TikTok, Instagram, Google Maps, a camera photo…",
          "key_interest": "why the person most likely saved it, specifically"
        }
      }

      Use empty lists, never omit a key. Copy text exactly as written, including prices and names.
      """.formatted(Categories.SUGGESTED);

  /** The analysis in a model's reply, or why the reply is not one. */
  public static ObjectNode parse(String reply) throws MalformedAnalysisException {
    if (reply == null || reply.isBlank()) {
      throw new MalformedAnalysisException("the reply is empty");
    }
    if (reply.length() > MAX_REPLY_CHARS) {
      throw new MalformedAnalysisException("the reply is too long");
    }
    int start = reply.indexOf('{');
    int end = reply.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new MalformedAnalysisException("the reply holds no JSON object");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(reply.substring(start, end + 1));
    } catch (JsonProcessingException e) {
      throw new MalformedAnalysisException("the reply is not valid JSON");
    }
    if (!root.isObject()) {
      throw new MalformedAnalysisException("the reply is not a JSON object");
    }
    ObjectNode analysis = Json.MAPPER.createObjectNode();
    // Open categories: any the model names, in its one spelling (see Categories).
    String category = Categories.normalise(requiredText(root, "category"))
        .orElseThrow(() -> new MalformedAnalysisException("category must be a non-empty string"));
    analysis.put("category", category);
    analysis.set("subcategories", stringList(root, "subcategories"));
    // Present and textual, possibly empty: a model may find nothing to say (the golden set has one).
    analysis.put("headline", requiredString(root, "headline"));
    analysis.put("summary", requiredString(root, "summary"));

    JsonNode media = requiredObject(root, "media_metadata");
    ObjectNode mediaOut = analysis.putObject("media_metadata");
    mediaOut.set("original_poster", nullableText(media, "original_poster"));
    mediaOut.set("tagged_accounts", stringList(media, "tagged_accounts"));
    mediaOut.set("location_tags", stringList(media, "location_tags"));
    mediaOut.set("audio_source", nullableText(media, "audio_source"));
    mediaOut.set("hashtags", stringList(media, "hashtags"));

    JsonNode details = requiredObject(root, "image_details");
    ObjectNode detailsOut = analysis.putObject("image_details");
    for (String list : IMAGE_DETAIL_LISTS) {
      detailsOut.set(list, stringList(details, list));
    }
    detailsOut.set("likely_source", nullableText(details, "likely_source"));
    detailsOut.set("key_interest", nullableText(details, "key_interest"));
    return analysis;
  }

  /** The keys of the golden format, in its order, for comparing stored analyses with it. */
  public static ObjectNode project(JsonNode golden) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String key : List.of("category", "subcategories", "headline", "summary", "media_metadata", "image_details")) {
      out.set(key, golden.get(key));
    }
    return out;
  }

  private static String requiredText(JsonNode node, String key) throws MalformedAnalysisException {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new MalformedAnalysisException(key + " must be a non-empty string");
    }
    return value.asText();
  }

  private static String requiredString(JsonNode node, String key) throws MalformedAnalysisException {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new MalformedAnalysisException(key + " must be a string");
    }
    return value.asText();
  }

  private static JsonNode nullableText(JsonNode node, String key) throws MalformedAnalysisException {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Json.MAPPER.nullNode();
    }
    if (!value.isTextual()) {
      throw new MalformedAnalysisException(key + " must be a string or null");
    }
    return value;
  }

  private static JsonNode requiredObject(JsonNode node, String key) throws MalformedAnalysisException {
    JsonNode value = node.get(key);
    if (value == null || !value.isObject()) {
      throw new MalformedAnalysisException(key + " must be an object");
    }
    return value;
  }

  private static ArrayNode stringList(JsonNode node, String key) throws MalformedAnalysisException {
    JsonNode value = node.get(key);
    if (value == null || !value.isArray()) {
      throw new MalformedAnalysisException(key + " must be a list of strings");
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new MalformedAnalysisException(key + " must be a list of strings");
      }
      out.add(element.asText());
    }
    return out;
  }

}
