package app.collections.places;

import java.util.Locale;

/**
 * A populated place a photo was taken at or near: {@code city} as GeoNames names it (mostly the
 * English or international form: "Kyoto", "Rome"), {@code region} its first-level division
 * ("Kyoto" prefecture, "California"; empty where GeoNames has none, as in Singapore), {@code country}
 * the English name of ISO 3166-1 {@code countryCode}. The coordinates are the place's, not the photo's.
 */
public record Place(String city, String region, String country, String countryCode, double latitude,
    double longitude) {

  /** "Kyoto, Japan"; just "Singapore" where the city is the country (Monaco, Hong Kong, Vatican City). */
  public String place() {
    return city.equalsIgnoreCase(country) ? city : city + ", " + country;
  }

  /**
   * Whether a name someone typed ({@code place:kyoto}, "Japan", "california", "JP") is this place's
   * city, region, country or country code, ignoring case, accents ("zurich" is "Zürich") and
   * surrounding blanks.
   */
  public boolean matches(String name) {
    String n = PlaceNames.fold(name.strip());
    return !n.isEmpty() && (n.equalsIgnoreCase(PlaceNames.fold(city)) || n.equalsIgnoreCase(PlaceNames.fold(region))
        || n.equalsIgnoreCase(PlaceNames.fold(country)) || n.toUpperCase(Locale.ROOT).equals(countryCode));
  }
}
