package app.collections.local.ocr;

import app.collections.items.Categories;
import app.collections.embeddings.Embedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A category for text without a model that reads it: the category whose phrase the embedding model
 * puts nearest to the text. The categories are the open list's common ones (the labelled set's
 * eight and those of real collections), keyed by name so that they can join the shared list.
 *
 * <p>Measured on the 55 labelled screenshots' OCR text (docs/search-quality.md): the short phrase
 * "a post about travel", embedded like the text (as a query, e5's symmetric use), is right for 24;
 * longer descriptions of each category ("travel tips, trips and itineraries, hotels...") for 9 to
 * 15, whichever way they were embedded: their own wording pulled texts towards them.
 */
public final class ZeroShotCategories {
  /** Category → the phrase the text is compared with. */
  public static final Map<String, String> PHRASES = phrases();

  /**
   * Below this cosine similarity to the nearest phrase the text says too little (e5-small-v2 puts
   * unrelated short texts at 0.7-0.75); the item is left without a category.
   */
  static final double MIN_SIMILARITY = 0.70;
  /** Characters of text compared: e5-small-v2 reads 512 tokens, and the first lines say most. */
  static final int MAX_TEXT = 1500;
  /** Fewer letters than this is not text enough to classify (a photo with a watermark). */
  static final int MIN_LETTERS = 12;

  private final Embedder embedder;
  private final List<String> names;
  private volatile List<float[]> vectors;

  public ZeroShotCategories(Embedder embedder) {
    this.embedder = embedder;
    this.names = List.copyOf(PHRASES.keySet());
  }

  /** The nearest category, or null for text too thin or too far from every phrase. */
  public String categorise(String text) {
    if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
      return null;
    }
    float[] query = embedder.embedQuery(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    List<float[]> phrases = phraseVectors();
    String best = null;
    double bestSimilarity = MIN_SIMILARITY;
    for (int i = 0; i < names.size(); i++) {
      double similarity = cosine(query, phrases.get(i));
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = names.get(i);
      }
    }
    return best;
  }

  private List<float[]> phraseVectors() {
    List<float[]> v = vectors;
    if (v == null) {
      // Once per analyser: one short phrase per suggested category, embedded as the text is.
      v = names.stream().map(n -> embedder.embedQuery(PHRASES.get(n))).toList();
      vectors = v;
    }
    return v;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  private static Map<String, String> phrases() {
    Map<String, String> p = new LinkedHashMap<>();
    // The one suggested list the vision prompt offers too (analyses/Categories).
    for (String name : Categories.SUGGESTED) {
      p.put(name, "a post about " + name.toLowerCase(java.util.Locale.ROOT));
    }
    return java.util.Collections.unmodifiableMap(p);
  }
}
