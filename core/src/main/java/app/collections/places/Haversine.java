package app.collections.places;

/** The one great-circle distance: haversine on a sphere of the Earth's mean radius. */
public final class Haversine {
  /** IUGG mean radius: on the ellipsoid the real distance differs by at most ~0.5%. */
  public static final double EARTH_RADIUS_KM = 6371.0088;
  /** One degree of latitude (or of longitude on the equator). */
  public static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

  private Haversine() {}

  /** Kilometres between two points given in degrees; any longitudes (the antimeridian is no edge). */
  public static double km(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double h = sq(Math.sin(dLat / 2))
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * sq(Math.sin(dLon / 2));
    // min: rounding can push h of antipodal points a hair above 1.
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  private static double sq(double x) {
    return x * x;
  }
}
