package app.collections.places;

import java.util.Locale;
import java.util.Map;

/**
 * English country names for ISO 3166-1 alpha-2 codes, from the JDK's CLDR data (every code in the
 * place table has one, XK "Kosovo" and TW "Taiwan" included), less CLDR's formal or disambiguating
 * forms where people say something shorter: a place reads "Hong Kong", not "Hong Kong SAR China".
 * The names follow the running JDK's CLDR version (TR is "Türkiye" since CLDR 42, in JDK 21 and 25).
 */
public final class CountryNames {
  /** The JDK's standard names that no one writes on a photo; measured on JDK 25 over all 246 codes. */
  private static final Map<String, String> SHORTER = Map.of(
      "HK", "Hong Kong",                                     // "Hong Kong SAR China"
      "MO", "Macao",                                         // "Macao SAR China"
      "PS", "Palestine",                                     // "Palestinian Territories"; CLDR's short form
      "MM", "Myanmar",                                       // "Myanmar (Burma)"
      "CD", "Democratic Republic of the Congo",              // "Congo - Kinshasa"
      "CG", "Republic of the Congo");                        // "Congo - Brazzaville"

  private CountryNames() {}

  /** "Japan" for "JP"; the code itself for one the JDK does not know. */
  public static String english(String code) {
    String shorter = SHORTER.get(code);
    if (shorter != null) {
      return shorter;
    }
    String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    // CLDR writes "Bosnia & Herzegovina", "Trinidad & Tobago": people type "and".
    return name.isEmpty() ? code : name.replace(" & ", " and ");
  }
}
