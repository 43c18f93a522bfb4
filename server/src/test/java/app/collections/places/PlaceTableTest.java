package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlaceTableTest {
  private static PlaceTable read(String tsv) throws IOException {
    return PlaceTable.read(tsv.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsBuildPlacesFormat() throws IOException {
    PlaceTable table = read("""
        # a comment
        # name\tregion\tcountryCode\tlatitude\tlongitude\tpopulation
        Lami\tCentral\tFJ\t-18.11667\t178.41667\t10752
        Suva\tCentral\tFJ\t-18.14161\t178.44149\t77366
        Kumasi\tCentral\tGH\t6.68848\t-1.62443\t1468609
        Vatican City\t\tVA\t41.90268\t12.45414\t829
        Egvekinot\tChukotka\tRU\t66.32\t-179.1\t0

        """);
    assertThat(table.size).isEqualTo(5);
    // Ordered by cell: the southern Fijian towns first, Egvekinot (66 N) last.
    Place first = table.place(0);
    assertThat(first.countryCode()).isEqualTo("FJ");
    assertThat(table.place(4).city()).isEqualTo("Egvekinot");
    assertThat(table.place(4).longitude()).isEqualTo(-179.1);
    assertThat(table.place(4).latitude()).isEqualTo(66.32);
    // "Central" of Fiji and of Ghana are two regions of one name; no region is "".
    assertThat(table.regionNames).containsExactlyInAnyOrder("", "Central", "Central", "Chukotka");
    assertThat(table.place(3).region()).isEmpty();
    int suva = indexOf(table, "Suva");
    assertThat(table.place(suva)).isEqualTo(new Place("Suva", "Central", "Fiji", "FJ", -18.14161, 178.44149));
    assertThat(table.population[suva]).isEqualTo(77366);
    int cell = PlaceTable.latCell(-18.14161) * PlaceTable.LON_CELLS + PlaceTable.lonCell(178.44149);
    assertThat(suva).isBetween(table.cellStart[cell], table.cellStart[cell + 1] - 1);
  }

  @Test
  void cellsWrapAtTheAntimeridianAndStopAtThePoles() {
    assertThat(PlaceTable.lonCell(-180)).isZero();
    assertThat(PlaceTable.lonCell(180)).isZero();
    assertThat(PlaceTable.lonCell(179.99)).isEqualTo(PlaceTable.LON_CELLS - 1);
    assertThat(PlaceTable.lonCell(-180.5)).isEqualTo(PlaceTable.LON_CELLS - 1);
    assertThat(PlaceTable.latCell(90)).isEqualTo(PlaceTable.LAT_CELLS - 1);
    assertThat(PlaceTable.latCell(-90)).isZero();
    assertThat(PlaceTable.latCell(-95)).isZero();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> read("Suva\tCentral\tFJ\t-18.14161\t178.44149\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("Suva\tCentral\tFJ\t-18.1416123\t178.44149\t1\n"))
        .hasMessageContaining("5 decimals");
    assertThatThrownBy(() -> read("Suva\tCentral\tFJ\tS18\t178.44149\t1\n")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("Suva\tCentral\tFJ\t-18.14161\t178.44149\t\n")).isInstanceOf(IOException.class);
  }

  @Test
  void theBuiltTableIsOnTheClasspath() {
    PlaceTable table = PlaceTable.shared();
    assertThat(table.size).isGreaterThan(150_000);
    assertThat(table.cellStart[table.cellStart.length - 1]).isEqualTo(table.size);
  }

  private static int indexOf(PlaceTable table, String name) {
    for (int i = 0; i < table.size; i++) {
      if (table.names[i].equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }
}
