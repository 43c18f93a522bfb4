package app.collections.places;

import static app.collections.places.PlaceNames.Kind.CITY;
import static app.collections.places.PlaceNames.Kind.COUNTRY;
import static app.collections.places.PlaceNames.Kind.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceNamesTest {
  private final PlaceNames names = PlaceNames.shared();

  @Test
  void citiesRegionsAndCountriesWhateverTheCase() {
    assertThat(names.kinds("kyoto")).containsExactlyInAnyOrder(CITY, REGION);
    assertThat(names.kinds("Japan")).containsExactly(COUNTRY);
    assertThat(names.kinds("california")).contains(REGION);
    assertThat(names.kinds("PARIS")).contains(CITY);
    assertThat(names.kinds(" Hong Kong ")).contains(CITY, COUNTRY);
    assertThat(names.kinds("United States")).containsExactly(COUNTRY);
  }

  @Test
  void accentsDoNotCount() {
    assertThat(names.isPlaceName("zurich")).isTrue();
    assertThat(names.isPlaceName("Zürich")).isTrue();
    assertThat(names.isPlaceName("sao paulo")).isTrue();
    assertThat(names.isPlaceName("ile-de-france")).isTrue();
  }

  @Test
  void otherWordsAreNoPlaces() {
    assertThat(names.isPlaceName("ramen")).isFalse();
    assertThat(names.isPlaceName("screenshot")).isFalse();
    assertThat(names.isPlaceName("de")).isFalse();   // a country code (Germany), not a name
    assertThat(names.isPlaceName("")).isFalse();
    assertThat(names.isPlaceName("   ")).isFalse();
  }

  @Test
  void someWordsAreAlsoTowns() {
    // Us (Val-d'Oise, 1,248 people), Nice, Beach (North Dakota): a place: filter is asked for a
    // place, but free text is not one because a town bears the word.
    assertThat(names.kinds("us")).containsExactly(CITY);
    assertThat(names.isPlaceName("beach")).isTrue();
  }
}
