package app.collections.tools.bench;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Analyses in the golden format with realistic words: the vocabulary, its frequencies, the
 * categories and the places of the labelled set, sampled with a Zipf-like skew, so common terms
 * are as common as in a real collection and rare ones as rare.
 */
public final class SyntheticCorpus {

  private final Random random;
  private final List<String> words = new ArrayList<>();
  private final double[] cumulative;
  private final List<String> categories = new ArrayList<>();
  private final List<String> places = new ArrayList<>();

  public SyntheticCorpus(JsonNode golden, long seed) {
    this.random = new Random(seed);
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode analysis : golden.path("golden_analyses")) {
      categories.add(analysis.path("category").asText());
      analysis.path("media_metadata").path("location_tags").forEach(p -> places.add(p.asText()));
      for (String text : texts(analysis)) {
        for (String word : text.toLowerCase().split("[^\\p{L}\\p{N}]+")) {
          if (word.length() > 1) {
            counts.merge(word, 1, Integer::sum);
          }
        }
      }
    }
    words.addAll(counts.keySet());
    words.sort((a, b) -> counts.get(b) - counts.get(a));
    cumulative = new double[words.size()];
    double total = 0;
    for (int i = 0; i < words.size(); i++) {
      total += Math.pow(counts.get(words.get(i)), 1.2);
      cumulative[i] = total;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  /** The {@code n} most frequent words: the "common terms" of the query mix. */
  public List<String> commonWords(int n) {
    return words.subList(0, Math.min(n, words.size()));
  }

  /** A word from the middle of the distribution: present, but not everywhere. */
  public String midWord() {
    int from = Math.min(200, words.size() - 1);
    return words.get(from + random.nextInt(Math.max(1, Math.min(2000, words.size()) - from)));
  }

  public String word() {
    double r = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < r) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return words.get(lo);
  }

  public String phrase(int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append(i == 0 ? "" : " ").append(word());
    }
    return out.toString();
  }

  public ObjectNode analysis() {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("category", categories.get(random.nextInt(categories.size())));
    a.putArray("subcategories").add(word()).add(word());
    a.put("headline", phrase(8 + random.nextInt(6)));
    a.put("summary", phrase(25 + random.nextInt(20)));
    ObjectNode media = a.putObject("media_metadata");
    media.put("original_poster", word());
    media.putArray("location_tags").add(places.get(random.nextInt(places.size())));
    media.putArray("hashtags").add(word());
    ObjectNode details = a.putObject("image_details");
    var text = details.putArray("extracted_text");
    for (int i = 0; i < 4; i++) {
      text.add(phrase(3 + random.nextInt(6)));
    }
    var objects = details.putArray("objects");
    var themes = details.putArray("themes");
    for (int i = 0; i < 5; i++) {
      objects.add(phrase(2));
      themes.add(word());
    }
    details.putArray("emotions").add(word());
    details.putArray("vibes").add(word()).add(word());
    details.put("key_interest", phrase(6));
    return a;
  }

  public String category() {
    return categories.get(random.nextInt(categories.size()));
  }

  public Random random() {
    return random;
  }

  private static List<String> texts(JsonNode analysis) {
    List<String> texts = new ArrayList<>();
    texts.add(analysis.path("headline").asText());
    texts.add(analysis.path("summary").asText());
    JsonNode details = analysis.path("image_details");
    for (String field : List.of("extracted_text", "objects", "themes", "emotions", "vibes")) {
      details.path(field).forEach(t -> texts.add(t.asText()));
    }
    texts.add(details.path("key_interest").asText());
    return texts;
  }
}
