package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HaversineTest {
  @Test
  void knownDistances() {
    // Paris to London: 343.5 km on the ellipsoid (Vincenty); the sphere is within 0.5%.
    assertThat(Haversine.km(48.8566, 2.3522, 51.5074, -0.1278)).isCloseTo(343.5, within(1.7));
    assertThat(Haversine.km(0, 0, 1, 0)).isCloseTo(Haversine.KM_PER_DEGREE, within(1e-9));
    assertThat(Haversine.km(35, 135, 35, 135)).isZero();
  }

  @Test
  void overTheAntimeridianAndThePoles() {
    assertThat(Haversine.km(0, 179.5, 0, -179.5)).isCloseTo(Haversine.KM_PER_DEGREE, within(1e-6));
    assertThat(Haversine.km(89.5, 0, 89.5, 180)).isCloseTo(Haversine.KM_PER_DEGREE, within(1e-6));
    assertThat(Haversine.km(90, 0, -90, 0)).isCloseTo(Math.PI * Haversine.EARTH_RADIUS_KM, within(1e-6));
    assertThat(Haversine.km(0, 0, 0, 180)).isCloseTo(Math.PI * Haversine.EARTH_RADIUS_KM, within(1e-6));
  }
}
