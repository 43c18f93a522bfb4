package app.collections.items;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Categories are open: a model may name any, and each is normalised to one spelling so the facet
 * and the filter group what is the same. {@link #SUGGESTED} is the one list the vision prompt
 * offers (the labelled set's eight, then what real collections hold: in the prototype's real
 * collection 45 of 96 analyses used 28 categories beyond the eight, Career 13, Music 7, Education 3).
 */
public final class Categories {
  /** The labelled set's eight, then the common ones of real collections. */
  public static final List<String> SUGGESTED = List.of(
      "Travel", "Food", "Beauty", "Fashion", "Technology", "Coding", "Programming", "Entertainment",
      "Career", "Music", "Education", "Events", "Shopping", "Finance", "News", "Books",
      "Health", "Fitness", "Home", "Art", "Design", "Sports", "Humor", "Parenting", "Pets",
      "Science", "Photography", "Gaming", "Business", "Productivity");

  /**
   * Stops a model's sentence posing as a category from becoming a facet label; a one- or two-word
   * category (what the prompt asks for) fits with room to spare: the longest suggested is 13.
   */
  public static final int MAX_LENGTH = 40;

  private Categories() {}

  /**
   * The category's one spelling: control characters and runs of blanks become one space, words
   * are title-cased (acronyms such as "DIY" kept), a suggested category keeps its own spelling,
   * and anything longer than {@link #MAX_LENGTH} is cut at a word boundary. Empty when nothing is left.
   */
  public static Optional<String> normalise(String category) {
    if (category == null) {
      return Optional.empty();
    }
    String cleaned = category.codePoints()
        .map(c -> Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString().strip().replaceAll(" +", " ");
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    if (cleaned.length() > MAX_LENGTH) {
      int cut = cleaned.lastIndexOf(' ', MAX_LENGTH);
      cleaned = (cut > 0 ? cleaned.substring(0, cut) : cleaned.substring(0, MAX_LENGTH)).strip();
    }
    for (String suggested : SUGGESTED) {
      if (suggested.equalsIgnoreCase(cleaned)) {
        return Optional.of(suggested);
      }
    }
    StringBuilder out = new StringBuilder(cleaned.length());
    for (String word : cleaned.split(" ")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(titleCase(word));
    }
    return Optional.of(out.toString());
  }

  /** "real-estate" -> "Real-Estate", "DIY" stays, "iPhone" -> "Iphone" is the price of one spelling. */
  private static String titleCase(String word) {
    boolean acronym = word.length() > 1 && word.chars().filter(Character::isLetter).count() > 1
        && word.equals(word.toUpperCase(Locale.ROOT));
    if (acronym) {
      return word;
    }
    StringBuilder out = new StringBuilder(word.length());
    boolean start = true;
    for (int i = 0; i < word.length(); ) {
      int c = word.codePointAt(i);
      out.appendCodePoint(start ? Character.toTitleCase(c) : Character.toLowerCase(c));
      start = c == '-' || c == '/';
      i += Character.charCount(c);
    }
    return out.toString();
  }
}
