package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CountryNamesTest {
  @Test
  void englishNames() {
    assertThat(CountryNames.english("JP")).isEqualTo("Japan");
    assertThat(CountryNames.english("US")).isEqualTo("United States");
    assertThat(CountryNames.english("GB")).isEqualTo("United Kingdom");
    assertThat(CountryNames.english("FR")).isEqualTo("France");
  }

  @Test
  void theOddOnes() {
    assertThat(CountryNames.english("XK")).isEqualTo("Kosovo");       // user-assigned code, CLDR has it
    assertThat(CountryNames.english("TW")).isEqualTo("Taiwan");
    assertThat(CountryNames.english("HK")).isEqualTo("Hong Kong");    // not "Hong Kong SAR China"
    assertThat(CountryNames.english("MO")).isEqualTo("Macao");
    assertThat(CountryNames.english("PS")).isEqualTo("Palestine");    // not "Palestinian Territories"
    assertThat(CountryNames.english("MM")).isEqualTo("Myanmar");      // not "Myanmar (Burma)"
    assertThat(CountryNames.english("CD")).isEqualTo("Democratic Republic of the Congo");
    assertThat(CountryNames.english("BA")).isEqualTo("Bosnia and Herzegovina");
    assertThat(CountryNames.english("CI")).isEqualTo("Côte d’Ivoire");
  }

  @Test
  void everyCountryOfThePlaceTableHasAName() {
    PlaceTable table = PlaceTable.shared();
    assertThat(table.countryCodes).hasSizeGreaterThan(240);
    for (int i = 0; i < table.countryCodes.length; i++) {
      assertThat(table.countryNames[i]).as(table.countryCodes[i])
          .isNotEqualTo(table.countryCodes[i])
          .doesNotContain("&", " - ", "SAR", "Burma");
    }
    assertThat(Arrays.asList(table.countryCodes)).contains("XK", "TW", "HK", "PS", "JP", "FJ");
  }
}
