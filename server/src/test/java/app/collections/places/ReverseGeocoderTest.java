package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Over the real table the build made (core's places.tsv.gz), as the service will use it. */
class ReverseGeocoderTest {
  private final ReverseGeocoder geocoder = new ReverseGeocoder();

  @Test
  void kyoto() {
    Place kyoto = geocoder.nearest(35.0116, 135.7681).orElseThrow();
    assertThat(kyoto.place()).isEqualTo("Kyoto, Japan");
    assertThat(kyoto.city()).isEqualTo("Kyoto");
    assertThat(kyoto.region()).isEqualTo("Kyoto");
    assertThat(kyoto.country()).isEqualTo("Japan");
    assertThat(kyoto.countryCode()).isEqualTo("JP");
    // The place's own point (GeoNames' Kyoto), 1.7 km from the photo's.
    assertThat(Haversine.km(35.0116, 135.7681, kyoto.latitude(), kyoto.longitude())).isBetween(1.0, 2.5);
  }

  @Test
  void parisIsParisNotTheArrondissementWhosePointIsNearer() {
    Place paris = geocoder.nearest(48.8566, 2.3522).orElseThrow();
    assertThat(paris.place()).isEqualTo("Paris, France");
    assertThat(paris.region()).isEqualTo("Île-de-France");
    assertThat(paris.countryCode()).isEqualTo("FR");
  }

  @Test
  void sanFrancisco() {
    Place sf = geocoder.nearest(37.7749, -122.4194).orElseThrow();
    assertThat(sf.city()).isEqualTo("San Francisco");
    assertThat(sf.region()).isEqualTo("California");
    assertThat(sf.country()).isEqualTo("United States");
    assertThat(sf.countryCode()).isEqualTo("US");
    assertThat(sf.place()).isEqualTo("San Francisco, United States");
  }

  @Test
  void theMiddleOfTheOceanIsNowhere() {
    assertThat(geocoder.nearest(0, -140)).isEmpty();             // central Pacific
    assertThat(geocoder.nearest(-48.8767, -123.3933)).isEmpty(); // Point Nemo
    assertThat(geocoder.nearest(35, -40)).isEmpty();             // mid-Atlantic
  }

  @Test
  void suvaNearTheAntimeridian() {
    Place suva = geocoder.nearest(-18.14, 178.44).orElseThrow();
    assertThat(suva.place()).isEqualTo("Suva, Fiji");
    assertThat(suva.region()).isEqualTo("Central");
  }

  @Test
  void placesAcrossTheAntimeridianAreFound() {
    // Egvekinot (66.32 N, 179.12 W) from 179.95 E, 42 km away over the line; Beringovskiy
    // (63.06 N, 179.35 E) from 179.9 W, 38 km the other way.
    assertThat(geocoder.nearest(66.32, 179.95)).map(Place::city).contains("Egvekinot");
    assertThat(geocoder.nearest(63.06, -179.9)).map(Place::city).contains("Beringovskiy");
    assertThat(geocoder.nearest(63.06, 180.1)).map(Place::city).contains("Beringovskiy");
  }

  @Test
  void thePolesAndNonPositionsAnswerEmpty() {
    assertThat(geocoder.nearest(90, 0)).isEmpty();
    assertThat(geocoder.nearest(-90, 0)).isEmpty();
    assertThat(geocoder.nearest(89.9999, 179.9999)).isEmpty();
    assertThat(geocoder.nearest(-89.6, -180)).isEmpty();
    assertThat(geocoder.nearest(90.5, 0)).isEmpty();
    assertThat(geocoder.nearest(Double.NaN, 0)).isEmpty();
    assertThat(geocoder.nearest(0, Double.POSITIVE_INFINITY)).isEmpty();
  }

  @Test
  void theFarthestNorthPlaceIsFoundFromTheNorth() {
    // Longyearbyen (78.22 N), the table's northernmost place: 40 km north of it the search's
    // longitude span is ~4.6 degrees.
    assertThat(geocoder.nearest(78.58, 15.0)).map(Place::city).contains("Longyearbyen");
  }

  @Test
  void fiftyKilometresIsTheLimit() {
    // Longyearbyen is the only place on Svalbard's Spitsbergen: due east of it, within and beyond.
    assertThat(geocoder.nearest(78.22334, 15.64689 + 49.5 / (Haversine.KM_PER_DEGREE * Math.cos(Math.toRadians(78.22334)))))
        .map(Place::city).contains("Longyearbyen");
    assertThat(geocoder.nearest(78.22334, 15.64689 + 50.5 / (Haversine.KM_PER_DEGREE * Math.cos(Math.toRadians(78.22334)))))
        .isEmpty();
  }

  /**
   * Landmarks where the nearest point is a neighbourhood, a suburb or a city beside a bigger one:
   * the disc rule's (ReverseGeocoder's javadoc) answers, each checked by hand.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Setagaya (nearest point: Eifuku)        | 35.6762  | 139.6503  | Tokyo, Japan
      Shinjuku (nearest point: Kabukicho)     | 35.6938  | 139.7034  | Tokyo, Japan
      Yokohama                                | 35.4437  | 139.638   | Yokohama, Japan
      Kawasaki                                | 35.5308  | 139.7029  | Kawasaki, Japan
      Fushimi Inari                           | 34.9671  | 135.7727  | Kyoto, Japan
      Arashiyama                              | 35.0094  | 135.6668  | Arashiyama, Japan
      the Mission (a section: left out)       | 37.7599  | -122.4148 | San Francisco, United States
      Oakland                                 | 37.8044  | -122.2712 | Oakland, United States
      Times Square (a neighbourhood)          | 40.758   | -73.9855  | New York City, United States
      Brooklyn (not New York City)            | 40.6782  | -73.9442  | Brooklyn, United States
      Boulogne-Billancourt (not Paris)        | 48.8397  | 2.2399    | Boulogne-Billancourt, France
      Versailles                              | 48.8049  | 2.1204    | Versailles, France
      Westminster                             | 51.5007  | -0.1246   | London, United Kingdom
      St Peter's (not Rome)                   | 41.9029  | 12.4534   | Vatican City
      Monaco                                  | 43.7384  | 7.4246    | Monaco
      Marina Bay                              | 1.2834   | 103.8607  | Singapore
      Central, Hong Kong                      | 22.2855  | 114.1577  | Hong Kong
      the Sydney Opera House (The Rocks)      | -33.8568 | 151.2153  | Sydney, Australia
      Christ the Redeemer                     | -22.9519 | -43.2105  | Rio de Janeiro, Brazil
      Angkor Wat                              | 13.4125  | 103.867   | Siem Reap, Cambodia
      Shanghai, the Bund (Huangpu)            | 31.2304  | 121.4737  | Shanghai, China
      Petra                                   | 30.3285  | 35.4444   | Wādī Mūsá, Jordan
      """)
  void landmarks(String what, double latitude, double longitude, String expected) {
    assertThat(geocoder.nearest(latitude, longitude)).map(Place::place).contains(expected);
  }

  /** The grid finds what a scan of every place finds: random points, near places and anywhere. */
  @Test
  void theGridAgreesWithAScanOfEveryPlace() {
    PlaceTable table = PlaceTable.shared();
    Random random = new Random(23);
    int answered = 0;
    for (int n = 0; n < 3_000; n++) {
      double lat;
      double lon;
      if (n % 3 == 0) {
        lat = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
        lon = random.nextDouble() * 360 - 180;
      } else {
        int i = random.nextInt(table.size);
        lat = Math.clamp(table.latitude[i] / PlaceTable.UNITS_PER_DEGREE + random.nextGaussian() * 0.3, -90, 90);
        lon = table.longitude[i] / PlaceTable.UNITS_PER_DEGREE + random.nextGaussian() * 0.3;
      }
      Optional<Place> found = geocoder.nearest(lat, lon);
      // Every place's depth (distance in radii) within the search distance, by a plain scan.
      double best = Double.POSITIVE_INFINITY;
      double foundDepth = Double.NaN;
      int band = (int) Math.ceil(ReverseGeocoder.MAX_DISTANCE_KM / Haversine.KM_PER_DEGREE * PlaceTable.UNITS_PER_DEGREE) + 1;
      int latUnits = (int) Math.round(lat * PlaceTable.UNITS_PER_DEGREE);
      for (int i = 0; i < table.size; i++) {
        if (Math.abs(table.latitude[i] - latUnits) > band) {
          continue; // further than 50 km in latitude alone
        }
        Place p = table.place(i);
        double km = Haversine.km(lat, lon, p.latitude(), p.longitude());
        if (km <= ReverseGeocoder.MAX_DISTANCE_KM) {
          double depth = km / ReverseGeocoder.radiusKm(table.population[i]);
          best = Math.min(best, depth);
          if (p.equals(found.orElse(null))) {
            foundDepth = depth;
          }
        }
      }
      if (found.isPresent()) {
        answered++;
        assertThat(foundDepth).as("at %s, %s", lat, lon).isCloseTo(best, within(1e-9));
      } else {
        assertThat(best).as("at %s, %s", lat, lon).isInfinite();
      }
    }
    assertThat(answered).isGreaterThan(1_500);
  }
}
