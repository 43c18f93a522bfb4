package app.collections.search;

import app.collections.items.Location;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns an analysis (the format of {@code golden_analyses.json}) into the one document that BM25
 * indexes and the embedding model reads. Field weights were tuned on the labelled set (see
 * docs/search-quality.md): what the image is about (headline, key interest, places, category)
 * outweighs what merely appears in it (objects, vibes).
 */
public final class DocumentBuilder {
  /** Field name → weight. Changing these changes scores: re-run {@code eval} and reindex. */
  public static final Map<String, Double> WEIGHTS = Map.ofEntries(
      Map.entry("headline", 3.0),
      Map.entry("key_interest", 2.0),
      Map.entry("category", 2.0),
      Map.entry("locations", 2.0),
      Map.entry("summary", 1.5),
      Map.entry("themes", 1.5),
      Map.entry("hashtags", 1.5),
      Map.entry("extracted_text", 1.0),
      Map.entry("objects", 1.0),
      Map.entry("accounts", 1.0),
      Map.entry("mood", 0.5));

  /** Keeps a screenshot full of text from drowning the embedding model's 512-token window. */
  private static final int MAX_BODY_CHARS = 4000;

  public SearchDocument build(JsonNode analysis) {
    return build(analysis, null);
  }

  /**
   * The document of an item whose photo's GPS fell in {@code location} (null: none known): its
   * city, region and country join the analysis' location tags, so "photos in Kyoto" finds a
   * geotagged photo with no text in it, by BM25 and by meaning.
   */
  public SearchDocument build(JsonNode analysis, Location location) {
    JsonNode details = analysis.path("image_details");
    JsonNode media = analysis.path("media_metadata");
    String headline = text(analysis.path("headline"));
    String summary = text(analysis.path("summary"));
    String category = join(List.of(text(analysis.path("category")), join(list(analysis.path("subcategories")))));
    String keyInterest = text(details.path("key_interest"));
    List<String> places = new ArrayList<>(list(media.path("location_tags")));
    if (location != null) {
      // The region is left out when it repeats the city (Kyoto, Kyoto, Japan).
      places.add(location.city() == null ? "" : location.city());
      places.add(location.region() == null || location.region().equalsIgnoreCase(String.valueOf(location.city()))
          ? "" : location.region());
      places.add(location.country() == null ? "" : location.country());
    }
    String locations = join(places);
    String themes = join(list(details.path("themes")));
    String hashtags = join(list(media.path("hashtags")).stream().map(h -> h.replace("#", "")).toList());
    String extracted = join(list(details.path("extracted_text")));
    String objects = join(list(details.path("objects")));
    String accounts = join(concat(List.of(text(media.path("original_poster"))), list(media.path("tagged_accounts"))));
    String mood = join(concat(list(details.path("emotions")), list(details.path("vibes"))));

    List<SearchDocument.Field> fields = new ArrayList<>();
    add(fields, "headline", headline);
    add(fields, "key_interest", keyInterest);
    add(fields, "category", category);
    add(fields, "locations", locations);
    add(fields, "summary", summary);
    add(fields, "themes", themes);
    add(fields, "hashtags", hashtags);
    add(fields, "extracted_text", extracted);
    add(fields, "objects", objects);
    add(fields, "accounts", accounts);
    add(fields, "mood", mood);

    // Most telling first: the embedding model reads the start of long bodies most reliably.
    List<String> body = new ArrayList<>();
    body.add(headline);
    body.add(summary);
    body.add(labelled("Category", category));
    body.add(labelled("Places", locations));
    body.add(labelled("About", keyInterest));
    body.add(labelled("Themes", themes));
    body.add(labelled("Objects", objects));
    body.add(labelled("Mood", mood));
    body.add(labelled("Text", extracted));
    String joined = join("\n", body);
    String gist = join("\n", List.of(headline, summary));
    return new SearchDocument(fields, joined.length() > MAX_BODY_CHARS ? joined.substring(0, MAX_BODY_CHARS) : joined,
        gist);
  }

  private static void add(List<SearchDocument.Field> fields, String name, String text) {
    if (!text.isBlank()) {
      fields.add(new SearchDocument.Field(name, text, WEIGHTS.get(name)));
    }
  }

  private static String labelled(String label, String text) {
    return text.isBlank() ? "" : label + ": " + text;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText().strip() : "";
  }

  private static List<String> list(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    return StreamSupport.stream(node.spliterator(), false).filter(JsonNode::isTextual).map(JsonNode::asText).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String join(List<String> parts) {
    return join(", ", parts);
  }

  private static String join(String separator, List<String> parts) {
    return parts.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(separator));
  }
}
