package app.collections.local.ocr;

import app.collections.embeddings.Embedder;
import app.collections.embeddings.Vectors;
import app.collections.items.Categories;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A category for text without a model that reads it: the category whose descriptions the embedding
 * model puts nearest to the text. The categories are the one suggested list ({@link Categories#SUGGESTED}),
 * each described by three short phrases of what its posts show; the text is embedded as a passage
 * and the phrases as queries (e5's retrieval use: "which passage answers 'places to visit on a
 * trip'"), and a category scores the mean similarity of its phrases.
 *
 * <p>Measured on the 55 labelled screenshots' OCR text (docs/search-quality.md, from-pixels table):
 * one phrase per category ("a post about travel"), text and phrase both embedded as queries, 19 / 55
 * right; the same with the text as a passage 18; four phrases (that one and three descriptions)
 * averaged, text as a query 22, as a passage 31; the three descriptions alone, text as a passage,
 * **38**; the nearest single phrase instead of the mean 23. A description's own words attract texts
 * that share them, and averaging three of them per category is what holds that down.
 */
public final class ZeroShotCategories {
  /** Category → the phrases the text is compared with (what that category's posts show). */
  public static final Map<String, List<String>> PHRASES = phrases();

  /**
   * Below this mean cosine similarity to the nearest category's phrases the text says too little;
   * the item is left without a category. e5-small-v2 puts any two English texts above 0.7; this
   * only stops text that is not language at all (on the 55 screenshots the best category scored
   * 0.78-0.84).
   */
  static final double MIN_SIMILARITY = 0.70;
  /** Characters of text compared: e5-small-v2 reads 512 tokens, and the first lines say most. */
  static final int MAX_TEXT = 1500;
  /** Fewer letters than this is not text enough to classify (a photo with a watermark). */
  static final int MIN_LETTERS = 12;

  private final Embedder embedder;
  private final List<String> names;
  private volatile List<List<float[]>> vectors;

  public ZeroShotCategories(Embedder embedder) {
    this.embedder = embedder;
    this.names = List.copyOf(PHRASES.keySet());
  }

  /** The nearest category, or null for text too thin or too far from every category. */
  public String categorise(String text) {
    if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
      return null;
    }
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    float[] passage = embedder.embedDocuments(List.of(cut)).getFirst();
    List<List<float[]>> phrases = phraseVectors();
    String best = null;
    double bestSimilarity = MIN_SIMILARITY;
    for (int i = 0; i < names.size(); i++) {
      double similarity = phrases.get(i).stream().mapToDouble(p -> Vectors.cosine(passage, p)).average().orElse(0);
      if (similarity > bestSimilarity) {
        bestSimilarity = similarity;
        best = names.get(i);
      }
    }
    return best;
  }

  private List<List<float[]>> phraseVectors() {
    List<List<float[]>> v = vectors;
    if (v == null) {
      // Once per analyser: 90 short phrases, about 0.3 s.
      v = names.stream().map(n -> PHRASES.get(n).stream().map(embedder::embedQuery).toList()).toList();
      vectors = v;
    }
    return v;
  }

  private static Map<String, List<String>> phrases() {
    // Written once for the suggested list, in the same general terms for every category (not
    // from the labelled images' misses: the same code is judged on images it has not seen).
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("Travel", List.of("places to visit on a trip", "a travel guide to a city or country", "sightseeing, hotels and getting around"));
    p.put("Food", List.of("a restaurant and its dishes", "a recipe or something to eat", "where to eat and drink"));
    p.put("Beauty", List.of("skincare, makeup and perfume", "a beauty product review", "cosmetics and hair care"));
    p.put("Fashion", List.of("clothes and outfits", "a clothing brand or style", "shoes, bags and what to wear"));
    p.put("Technology", List.of("a new gadget, device or software", "tech news and apps", "artificial intelligence and computers"));
    p.put("Coding", List.of("writing code and software development", "a developer tool or library", "source code on GitHub"));
    p.put("Programming", List.of("a programming language or tutorial", "learning to program", "software engineering"));
    p.put("Entertainment", List.of("a movie, TV show or celebrity", "an anime, drama or game show", "fun things to watch"));
    p.put("Career", List.of("a job, work and hiring", "career advice and interviews", "a resume and a job offer"));
    p.put("Music", List.of("a song, album or artist", "a concert or playlist", "musicians and singing"));
    p.put("Education", List.of("learning, studying and school", "a course or lesson", "students and teachers"));
    p.put("Events", List.of("a festival, exhibition or show with dates", "an event happening on a date", "tickets for a conference or party"));
    p.put("Shopping", List.of("a store and what it sells", "a product to buy and its price", "a sale, deals and a mall"));
    p.put("Finance", List.of("money, budgets and saving", "investing, stocks and banks", "costs and personal finance"));
    p.put("News", List.of("a news report on current events", "politics and world news", "a headline from a newspaper"));
    p.put("Books", List.of("a book to read and its author", "a novel or reading list", "a bookstore or library"));
    p.put("Health", List.of("medicine, illness and doctors", "mental health and wellbeing", "healthy habits and sleep"));
    p.put("Fitness", List.of("a workout and exercise", "the gym, running and training", "getting fit and strong"));
    p.put("Home", List.of("interior design and decor", "a house, an apartment and furniture", "cleaning and organising a home"));
    p.put("Art", List.of("a painting, drawing or artist", "an art gallery or museum", "illustration and creative work"));
    p.put("Design", List.of("graphic design and typography", "a designer's product or logo", "user interface and visual design"));
    p.put("Sports", List.of("a football, baseball or basketball game", "a team, a match and its score", "athletes and a championship"));
    p.put("Humor", List.of("a funny joke or meme", "something hilarious", "a comedy sketch"));
    p.put("Parenting", List.of("raising children and babies", "kids and family life", "tips for parents"));
    p.put("Pets", List.of("a dog or a cat", "animals and pet care", "a cute puppy or kitten"));
    p.put("Science", List.of("a scientific discovery or research", "physics, biology and space", "an experiment and its findings"));
    p.put("Photography", List.of("a camera and photo tips", "a beautiful photo and how it was shot", "photographers and lenses"));
    p.put("Gaming", List.of("a video game and its players", "playing games on a console or PC", "esports and game reviews"));
    p.put("Business", List.of("a company, startup or brand", "entrepreneurs and marketing", "business strategy and sales"));
    p.put("Productivity", List.of("tips to get things done", "tools for planning and focus", "habits, notes and to-do lists"));
    return java.util.Collections.unmodifiableMap(p);
  }
}
