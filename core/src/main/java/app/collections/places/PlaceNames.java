package app.collections.places;

import app.collections.lazy.Lazy;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether free text names a place the {@link ReverseGeocoder} can answer with: a city, region or
 * country of its table ("kyoto", "Japan", "california", "zurich" for "Zürich"), for a {@code place:}
 * filter to tell a place from another word. Case and accents do not count; country codes are not
 * names here ("de" is a word), though {@link Place#matches} takes them. With 165,639 towns many
 * words are one (Nice, Beach in North Dakota, Us in the Val-d'Oise): it answers for a word someone
 * offered as a place, not whether free text mentions one. Built on the first question from the
 * geocoder's shared table: sorted arrays of the names it already holds, those with accents copied
 * without them (2.6 MB more, PlaceTableBenchmark).
 */
public final class PlaceNames {
  /** What a name names; a name can be several (Kyoto is a city and a prefecture, Singapore all three). */
  public enum Kind { CITY, REGION, COUNTRY }

  private static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER;
  private static final Lazy.Once<PlaceNames> SHARED = Lazy.once(() -> new PlaceNames(PlaceTable.shared()));

  private final String[] cities;
  private final String[] regions;
  private final String[] countries;

  PlaceNames(PlaceTable table) {
    this.cities = sorted(table.names);
    this.regions = sorted(table.regionNames);
    this.countries = sorted(table.countryNames);
  }

  /** Over the classpath's table, the one the default {@link ReverseGeocoder} uses. */
  public static PlaceNames shared() {
    return SHARED.get();
  }

  /** What {@code text} names, by exact name; empty when it names nothing. */
  public Set<Kind> kinds(String text) {
    String key = fold(text.strip());
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    if (key.isEmpty()) {
      return kinds;
    }
    if (Arrays.binarySearch(cities, key, ORDER) >= 0) {
      kinds.add(Kind.CITY);
    }
    if (Arrays.binarySearch(regions, key, ORDER) >= 0) {
      kinds.add(Kind.REGION);
    }
    if (Arrays.binarySearch(countries, key, ORDER) >= 0) {
      kinds.add(Kind.COUNTRY);
    }
    return kinds;
  }

  public boolean isPlaceName(String text) {
    return !kinds(text).isEmpty();
  }

  /**
   * A name as place filters compare it: trimmed, without accents, lower case ("  Zürich" ->
   * "zurich"); what items store of their place and what a {@code place:} filter is turned into.
   */
  public static String key(String name) {
    return fold(name.strip()).toLowerCase(java.util.Locale.ROOT);
  }

  /** Without accents ("Zürich" -> "Zurich", "Kyōto" -> "Kyoto"); the same string when it has none. */
  static String fold(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
      }
    }
    return name;
  }

  private static String[] sorted(String[] names) {
    String[] folded = Arrays.stream(names).filter(n -> !n.isEmpty()).map(PlaceNames::fold).toArray(String[]::new);
    Arrays.sort(folded, ORDER);
    return folded;
  }
}
