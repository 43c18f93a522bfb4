package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceTest {
  private final Place kyoto = new Place("Kyoto", "Kyoto", "Japan", "JP", 35.02107, 135.75385);
  private final Place zurich = new Place("Zürich", "Zurich", "Switzerland", "CH", 47.36667, 8.55);

  @Test
  void cityAndCountry() {
    assertThat(kyoto.place()).isEqualTo("Kyoto, Japan");
    assertThat(new Place("Singapore", "", "Singapore", "SG", 1.28967, 103.85007).place()).isEqualTo("Singapore");
    assertThat(new Place("Monaco", "Municipality of Monaco", "Monaco", "MC", 43.73333, 7.41667).place())
        .isEqualTo("Monaco");
  }

  @Test
  void matchesItsCityRegionCountryOrCodeWhateverTheCaseAndAccents() {
    assertThat(kyoto.matches("kyoto")).isTrue();
    assertThat(kyoto.matches(" Japan ")).isTrue();
    assertThat(kyoto.matches("jp")).isTrue();
    assertThat(kyoto.matches("Osaka")).isFalse();
    assertThat(kyoto.matches("")).isFalse();
    assertThat(zurich.matches("zurich")).isTrue();
    assertThat(zurich.matches("ZÜRICH")).isTrue();
    assertThat(zurich.matches("switzerland")).isTrue();
    // An empty region matches nothing, not the empty name.
    assertThat(new Place("Singapore", "", "Singapore", "SG", 1.28967, 103.85007).matches("  ")).isFalse();
  }
}
