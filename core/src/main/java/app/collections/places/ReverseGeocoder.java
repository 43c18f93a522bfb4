package app.collections.places;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * From a photo's GPS position to the populated place it was taken in, offline: GeoNames' 165,639
 * places of 1,000 people or more (README, "Places"), held in memory ({@link PlaceTable}) and loaded
 * on the first lookup, once per JVM, so a process that never geocodes pays nothing.
 *
 * <p>"In", not merely "nearest": the nearest point is often a neighbourhood GeoNames lists beside
 * its city ("Paris 04 Hôtel-de-Ville" is 0.40 km from the centre of Paris, Paris's own point 0.43 km;
 * "Eifuku" is nearer a Setagaya street than "Tokyo" is). A place of population P is taken as a disc
 * of {@link #URBAN_DENSITY_PER_KM2} people per km², and the answer is the place whose disc the point
 * is deepest in: the least distance / radius. Central Paris comes out Paris, Setagaya Tokyo,
 * Brooklyn Brooklyn (not New York City, whose disc it is further into in kilometres but not in
 * radii), the Vatican Vatican City (not Rome), Boulogne-Billancourt itself; out of town, where no
 * disc reaches, it is nearly the nearest place.
 *
 * <p>Beyond {@link #MAX_DISTANCE_KM} of every place the answer is empty, not a region or country:
 * without borders the nearest place's country is a guess there (the sea between two countries, a
 * desert border), and a wrong country is worse than none.
 *
 * <p>Measured (PlaceTableBenchmark; JDK 25 on 2 busy cores, 200,000 lookups after warm-up): near
 * places, where photos are, p50 3.7 µs and p99 22-25 µs (before the latitude bound below, 7.5 and
 * 65 µs); anywhere on Earth (mostly sea) p50 0.1 µs. The table's first load is ~220 ms and 13.4 MB
 * ({@link PlaceTable}).
 */
public final class ReverseGeocoder {
  /**
   * No place within this, no answer. A photo 50 km from the nearest town of 1,000 people is at sea,
   * on a mountain or in a desert, and the town still says where it was; beyond, the place misleads.
   */
  public static final double MAX_DISTANCE_KM = 50;
  /**
   * People per km² of a place's disc. A dense city core: Paris is 20,000 over its 105 km², Tokyo's
   * wards 15,000, San Francisco 7,000. Tried on 42 landmarks (ReverseGeocoderTest.landmarks keeps
   * 22 of them): 5,000 to 20,000 give the same answers but on Mount Fuji's summit, so the middle.
   * Ranking by distance minus radius instead of distance over radius, Rome swallowed the Vatican and
   * New York City Brooklyn (and at 5,000 Paris Boulogne-Billancourt).
   */
  static final double URBAN_DENSITY_PER_KM2 = 10_000;
  /** No disc is smaller: a village of 1,000 is a few streets (0.18 km by the density alone). */
  static final double MIN_RADIUS_KM = 1.0;
  /**
   * The disc of a place whose population is unknown (0 in the table: 43,855 places, many of them
   * neighbourhoods GeoNames added after the 2023 dump the populations come from, such as "Times
   * Square" or "Downtown Dubai"), so smaller than a village's: at {@link #MIN_RADIUS_KM}, Times
   * Square 200 m away beat New York City 5 km away.
   */
  static final double UNKNOWN_RADIUS_KM = 0.5;

  /** sin of the search radius as an angle: the widest longitude span of the search disc follows from it. */
  private static final double SIN_SEARCH = Math.sin(MAX_DISTANCE_KM / Haversine.EARTH_RADIUS_KM);
  private static final double SEARCH_DEGREES_LAT = MAX_DISTANCE_KM / Haversine.KM_PER_DEGREE;
  /** The same in the table's units, a unit more for rounding the point to them. */
  private static final int SEARCH_UNITS_LAT = (int) Math.ceil(SEARCH_DEGREES_LAT * PlaceTable.UNITS_PER_DEGREE) + 1;
  private static final double KM_PER_UNIT = Haversine.KM_PER_DEGREE / PlaceTable.UNITS_PER_DEGREE;
  private static final int FULL_TURN_UNITS = (int) (360 * PlaceTable.UNITS_PER_DEGREE);

  private final Supplier<PlaceTable> table;

  /** Over the classpath's table, shared by every instance and loaded on the first lookup. */
  public ReverseGeocoder() {
    this(PlaceTable::shared);
  }

  ReverseGeocoder(Supplier<PlaceTable> table) {
    this.table = table;
  }

  /**
   * The place a point (degrees, WGS 84 as EXIF gives it) is in or nearest to, or empty when no place
   * is within {@link #MAX_DISTANCE_KM} or the point is no position (latitude beyond ±90°, NaN).
   */
  public Optional<Place> nearest(double latitude, double longitude) {
    if (!(Math.abs(latitude) <= 90) || !Double.isFinite(longitude)) {
      return Optional.empty();
    }
    double lon = longitude - 360 * Math.floor((longitude + 180) / 360); // in [-180, 180)
    PlaceTable t = table.get();
    // Cells, then a box in whole units before any trigonometry: the search disc's widest longitude
    // span is asin(sin d / cos lat); a disc over a pole (cos lat <= sin d: within 50 km of it)
    // spans every longitude.
    int latLow = PlaceTable.latCell(latitude - SEARCH_DEGREES_LAT);
    int latHigh = PlaceTable.latCell(latitude + SEARCH_DEGREES_LAT);
    double cosLat = Math.cos(Math.toRadians(latitude));
    int lonFirst = 0;
    int lonCount = PlaceTable.LON_CELLS;
    int lonBand = Integer.MAX_VALUE;
    if (cosLat > SIN_SEARCH) {
      double spanDegrees = Math.toDegrees(Math.asin(SIN_SEARCH / cosLat));
      lonFirst = (int) Math.floor((lon - spanDegrees + 180) * PlaceTable.CELLS_PER_DEGREE);
      int lonLast = (int) Math.floor((lon + spanDegrees + 180) * PlaceTable.CELLS_PER_DEGREE);
      lonCount = Math.min(lonLast - lonFirst + 1, PlaceTable.LON_CELLS);
      lonBand = (int) Math.ceil(spanDegrees * PlaceTable.UNITS_PER_DEGREE) + 1;
    }
    int latUnits = (int) Math.round(latitude * PlaceTable.UNITS_PER_DEGREE);
    int lonUnits = (int) Math.round(lon * PlaceTable.UNITS_PER_DEGREE);
    int best = -1;
    double bestDepth = Double.POSITIVE_INFINITY;
    for (int latCell = latLow; latCell <= latHigh; latCell++) {
      for (int k = 0; k < lonCount; k++) {
        int cell = latCell * PlaceTable.LON_CELLS + Math.floorMod(lonFirst + k, PlaceTable.LON_CELLS);
        for (int i = t.cellStart[cell], end = t.cellStart[cell + 1]; i < end; i++) {
          int dLat = Math.abs(t.latitude[i] - latUnits);
          if (dLat > SEARCH_UNITS_LAT) {
            continue;
          }
          int dLon = Math.abs(t.longitude[i] - lonUnits);
          if (Math.min(dLon, FULL_TURN_UNITS - dLon) > lonBand) {
            continue;
          }
          // The latitude difference alone is at least the distance: no deeper than the best so far.
          double radius = radiusKm(t.population[i]);
          if ((dLat - 1) * KM_PER_UNIT >= bestDepth * radius) {
            continue;
          }
          double km = Haversine.km(latitude, lon, t.latitude[i] / PlaceTable.UNITS_PER_DEGREE,
              t.longitude[i] / PlaceTable.UNITS_PER_DEGREE);
          if (km > MAX_DISTANCE_KM) {
            continue;
          }
          double depth = km / radius;
          if (depth < bestDepth) {
            bestDepth = depth;
            best = i;
          }
        }
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(t.place(best));
  }

  /** The radius of a place's disc: its population at {@link #URBAN_DENSITY_PER_KM2}, within the floors. */
  static double radiusKm(int population) {
    if (population <= 0) {
      return UNKNOWN_RADIUS_KM;
    }
    return Math.max(MIN_RADIUS_KM, Math.sqrt(population / (Math.PI * URBAN_DENSITY_PER_KM2)));
  }
}
