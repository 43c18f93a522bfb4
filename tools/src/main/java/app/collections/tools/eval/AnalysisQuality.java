package app.collections.tools.eval;

import app.collections.analyses.Analysis;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How analyses made from pixels compare with the labelled ones of the same images: the share with
 * the labelled category, and how many headlines are mostly not the image's content. A headline's
 * words are looked up in what the labelled analysis says the image holds (its headline, summary,
 * places, accounts, hashtags, key interest and the text it read); a headline most of whose words
 * are not there is app chrome or OCR noise ("ive M Explore Following Shop For You Q").
 */
public record AnalysisQuality(int analysed, int labelled, int categorised, int rightCategory, int chromeHeadlines,
    double meanHeadlineOverlap, List<Miss> misses) {

  /** A headline that is mostly not content, or a wrong category: for reading, not scoring. */
  public record Miss(String itemId, String headline, double overlap, String category, String labelledCategory) {}

  /** Below this share of its words found in the labelled content, a headline is "mostly chrome". */
  public static final double CONTENT_SHARE = 0.5;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}|\\p{IsHan}+|\\p{IsHangul}+");

  public static AnalysisQuality of(Map<String, Analysis> analyses, Map<String, JsonNode> golden) {
    int labelled = 0;
    int categorised = 0;
    int right = 0;
    int chrome = 0;
    double overlapSum = 0;
    List<Miss> misses = new ArrayList<>();
    for (var entry : analyses.entrySet()) {
      JsonNode truth = golden.get(entry.getKey());
      if (truth == null) {
        continue;
      }
      labelled++;
      Analysis a = entry.getValue();
      String truthCategory = truth.path("category").asText(null);
      boolean rightCategory = a.category() != null && a.category().equalsIgnoreCase(truthCategory);
      categorised += a.category() != null ? 1 : 0;
      right += rightCategory ? 1 : 0;
      double overlap = overlap(a.headline(), content(truth));
      overlapSum += overlap;
      boolean isChrome = overlap < CONTENT_SHARE;
      chrome += isChrome ? 1 : 0;
      if (isChrome || !rightCategory) {
        misses.add(new Miss(entry.getKey(), a.headline(), overlap, a.category(), truthCategory));
      }
    }
    return new AnalysisQuality(analyses.size(), labelled, categorised, right, chrome,
        labelled == 0 ? 0 : overlapSum / labelled, misses);
  }

  public double categoryAccuracy() {
    return labelled == 0 ? 0 : (double) rightCategory / labelled;
  }

  /** The share of a headline's words found in the content; 0 for a headline without words. */
  static double overlap(String headline, Set<String> content) {
    List<String> words = words(headline);
    if (words.isEmpty()) {
      return 0;
    }
    return (double) words.stream().filter(content::contains).count() / words.size();
  }

  private static Set<String> content(JsonNode truth) {
    StringBuilder text = new StringBuilder();
    for (String field : List.of("headline", "summary")) {
      text.append(truth.path(field).asText("")).append(' ');
    }
    JsonNode media = truth.path("media_metadata");
    JsonNode details = truth.path("image_details");
    text.append(media.path("original_poster").asText("")).append(' ');
    text.append(details.path("key_interest").asText("")).append(' ');
    for (JsonNode list : List.of(media.path("location_tags"), media.path("tagged_accounts"), media.path("hashtags"))) {
      list.forEach(v -> text.append(v.asText("")).append(' '));
    }
    return new HashSet<>(words(text.toString()));
  }

  private static List<String> words(String text) {
    if (text == null) {
      return List.of();
    }
    return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
  }

  /** A short Markdown summary, printed under the search table. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| analyses | labelled | with a category | right category | headlines mostly chrome | mean headline overlap |\n");
    out.append("|---|---|---|---|---|---|\n");
    out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d (%.0f%%) | %d | %.2f |%n", analysed, labelled,
        categorised, rightCategory, 100 * categoryAccuracy(), chromeHeadlines, meanHeadlineOverlap));
    return out.toString();
  }
}
