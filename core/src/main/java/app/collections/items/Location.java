package app.collections.items;

import app.collections.places.PlaceNames;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.mapper.PropagateNull;

/**
 * Where a photo was taken: its GPS position and the place it falls in (offline reverse geocoding,
 * GeoNames; null names when no place is near). The owner's only: kept in the items table, never in
 * a derived image or a log line.
 */
@PropagateNull("latitude")
public record Location(Double latitude, Double longitude, String city, String region, String country,
    String countryCode) {

  /** "Kyoto, Japan"; just "Singapore" where the city is the country; null without a place. */
  public String place() {
    if (city != null && country != null) {
      return city.equalsIgnoreCase(country) ? city : city + ", " + country;
    }
    return city != null ? city : country;
  }

  /** What a {@code place:} filter matches, each as {@link PlaceNames#key}: stored beside the place. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (String name : new String[] {city, region, country, countryCode, place()}) {
      if (name != null && !name.isBlank() && !keys.contains(PlaceNames.key(name))) {
        keys.add(PlaceNames.key(name));
      }
    }
    return keys;
  }
}
