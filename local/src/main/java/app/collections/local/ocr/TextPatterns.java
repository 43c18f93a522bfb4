package app.collections.local.ocr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Things a post's text names in a recognisable form: hashtags, handles, links, prices and dates. */
final class TextPatterns {
  private TextPatterns() {}

  static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}&])#([\\p{L}\\p{N}_]{2,50})");
  static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}.])@([A-Za-z0-9_][A-Za-z0-9_.]{1,29})");
  static final Pattern URL = Pattern.compile(
      "(?i)\\b((?:https?://)?(?:www\\.)?[a-z0-9][a-z0-9-]{1,62}\\.(?:com|net|org|io|co|jp|kr|dev|app|me|ly|gg|tv)"
          + "(?:\\.[a-z]{2})?(?:/[\\w\\-./?=&%#]*)?)");
  /** A price with its currency, before or after the amount: "$12.50", "4800 JPY", "¥1,200", "15,000원". */
  static final Pattern PRICE = Pattern.compile(
      "(?i)(?:[$€£¥₩]\\s?\\d[\\d,]*(?:\\.\\d{1,2})?)|(?:\\d[\\d,]*(?:\\.\\d{1,2})?\\s?(?:usd|cad|eur|gbp|jpy|krw|yen|won|円|원|dollars?)\\b?)");
  /** Dates written out: "2025-03-14", "14/03/2025", "March 14", "14 Mar 2025". */
  static final Pattern DATE = Pattern.compile(
      "(?i)\\b(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|"
          + "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|"
          + "\\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?(?: \\d{4})?)\\b");

  /** A named venue: capitalised words before a kind of place ("Nishiki Market", "Fushimi Inari Shrine"). */
  static final Pattern VENUE = Pattern.compile(
      "\\b((?:\\p{Lu}[\\p{L}'\\-]+ ){1,3}(?:Station|Temple|Shrine|Park|Market|Castle|Tower|Museum|Beach|Island|"
          + "Airport|Street|Bridge|Garden|Gardens|Palace|Lake|Bay|Village|District|Onsen|Hotel|Mall|Square))\\b");
  /** A place after a preposition of place: "in Kyoto", "to Seoul, Korea". */
  static final Pattern AFTER_PREPOSITION = Pattern.compile(
      "\\b(?:in|at|to|from|near|around|visit|visiting) (\\p{Lu}[\\p{L}'\\-]+(?: \\p{Lu}[\\p{L}'\\-]+){0,2}"
          + "(?:, \\p{Lu}[\\p{L}'\\-]+)?)");
  /** Capitalised words that start a phrase rather than name a place. */
  private static final Set<String> NOT_PLACES = Set.of("the", "this", "that", "my", "our", "your", "a", "an",
      "one", "all", "every", "here", "there", "it", "i", "we", "you", "they", "he", "she", "me");

  /** Place names in lower case, as the labelled analyses write them ("nishiki market", "kyoto, japan"). */
  static List<String> places(String text) {
    Set<String> found = new LinkedHashSet<>();
    for (Pattern p : List.of(VENUE, AFTER_PREPOSITION)) {
      p.matcher(text).results().map(m -> m.group(1).strip())
          .filter(place -> !NOT_PLACES.contains(place.split("[ ,]")[0].toLowerCase(java.util.Locale.ROOT)))
          .forEach(place -> found.add(place.toLowerCase(java.util.Locale.ROOT)));
    }
    return List.copyOf(found);
  }

  static List<String> find(Pattern pattern, String text, int group) {
    Set<String> found = new LinkedHashSet<>();
    pattern.matcher(text).results().forEach(m -> found.add(m.group(group).strip()));
    return List.copyOf(found);
  }
}
