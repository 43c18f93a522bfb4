package app.collections.vision;

import app.collections.embeddings.Embedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A category for text without a model that reads it: the category whose description the embedding
 * model puts nearest to the text. The descriptions are the open list's common categories (the
 * labelled set's eight and those of real collections), each described by what its posts show.
 * Keyed by category name so that they can join the shared category list.
 */
public final class ZeroShotCategories {
  /** Category → what its posts are about, in the words such posts use. */
  public static final Map<String, String> DESCRIPTIONS = descriptions();

  /**
   * Below this cosine similarity to the nearest description the text is too thin to say (e5-small-v2
   * puts unrelated short texts near 0.75); the item is left without a category.
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
    this.names = List.copyOf(DESCRIPTIONS.keySet());
  }

  /** The nearest category, or null for text too thin or too far from every description. */
  public String categorise(String text) {
    if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
      return null;
    }
    float[] query = embedder.embedQuery(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    List<float[]> described = described();
    String best = null;
    double bestSimilarity = MIN_SIMILARITY;
    for (int i = 0; i < names.size(); i++) {
      double similarity = cosine(query, described.get(i));
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = names.get(i);
      }
    }
    return best;
  }

  private List<float[]> described() {
    List<float[]> v = vectors;
    if (v == null) {
      // Once per analyser: 20 short passages, ~0.3 s with the local model.
      v = embedder.embedDocuments(names.stream().map(n -> n + ": " + DESCRIPTIONS.get(n)).toList());
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

  private static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("Travel", "travel tips, trips and itineraries, places to visit, sightseeing, hotels, flights, trains,"
        + " airports, cities and neighbourhoods, temples, shrines, museums, day trips, guides for tourists");
    d.put("Food", "food and drink, restaurants, cafes, dishes, recipes, cooking, menus, street food, ramen, sushi,"
        + " desserts, coffee, bars, where to eat");
    d.put("Fashion", "fashion, outfits, clothing, style, shoes, bags, brands, streetwear, what to wear");
    d.put("Beauty", "beauty, skincare, makeup, cosmetics, hair care, nails, beauty products and routines");
    d.put("Technology", "technology, gadgets, phones, computers, apps, AI tools, tech news and product reviews");
    d.put("Programming", "programming, software engineering, code, programming languages, APIs, frameworks,"
        + " databases, developer tools");
    d.put("Coding", "coding tutorials, learning to code, code snippets, terminal commands, coding tips");
    d.put("Entertainment", "entertainment, movies, TV shows, series, celebrities, anime, games, memes, comedy");
    d.put("Music", "music, songs, albums, artists, bands, concerts, playlists, lyrics");
    d.put("Career", "career, jobs, job postings, hiring, interviews, resumes, work, salaries, the workplace");
    d.put("Education", "education, learning, courses, studying, schools, universities, lessons, language learning");
    d.put("Events", "events, festivals, concerts, exhibitions, conferences, meetups, dates and tickets");
    d.put("Shopping", "shopping, products to buy, deals, discounts, stores, online shopping, gift ideas");
    d.put("Finance", "personal finance, money, budgeting, saving, investing, stocks, banking, prices and costs");
    d.put("Fitness", "fitness, workouts, exercise, gym, running, yoga, health and nutrition");
    d.put("Home", "home, interior design, decor, furniture, apartments, cleaning, gardening");
    d.put("Books", "books, reading, novels, authors, book recommendations");
    d.put("News", "news, current events, politics, world affairs, headlines");
    return java.util.Collections.unmodifiableMap(d);
  }
}
