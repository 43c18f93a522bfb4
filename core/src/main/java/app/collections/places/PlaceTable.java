package app.collections.places;

import app.collections.lazy.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * GeoNames' populated places in memory, bucketed by a grid of 1° cells: the table
 * core/src/main/geonames/build-places.mjs writes at build time (one line per place: name, region,
 * country code, latitude, longitude, population; README, "Places"). Columns are arrays, one entry per
 * place, ordered by cell, so a cell's places are one slice ({@link #cellStart}).
 *
 * <p>Measured (PlaceTableBenchmark; JDK 25 on 2 cores shared with other builds): 165,639 places
 * from a 2.7 MB resource load in 155-220 ms of the loading thread's CPU (gunzip ~50 ms, CLDR's
 * country names ~30 ms, parsing and bucketing the rest), ~220 ms of wall time in a fresh JVM on a
 * quiet machine (0.5-1.4 s at a load average of 9), and hold 13.4 MB of heap.
 */
final class PlaceTable {
  static final String RESOURCE = "/app/collections/places/places.tsv.gz";
  /**
   * The grid's resolution. A 50 km search covers 2 x 3 cells at mid latitudes, and the densest cell
   * holds 943 places; the integer box test rejects most of them before any trigonometry. Measured
   * near places: 1° cells p50 3.7 µs, p99 22-25 µs; 0.5° cells the same (p50 3.7-4.6 µs, p99
   * 19-24 µs) for 0.8 MB more heap, so 1°.
   */
  static final int CELLS_PER_DEGREE = 1;
  static final int LAT_CELLS = 180 * CELLS_PER_DEGREE;
  static final int LON_CELLS = 360 * CELLS_PER_DEGREE;
  static final double UNITS_PER_DEGREE = 100_000;

  final int size;
  final String[] names;
  /** Index into {@link #regionNames}; 0 is "" (GeoNames gives the place no region). */
  final short[] region;
  /** Index into {@link #countryCodes} and {@link #countryNames}. */
  final short[] country;
  /** In units of {@link #UNITS_PER_DEGREE}: GeoNames' 5 decimals (~1 m), exact, as 4 bytes. */
  final int[] latitude;
  final int[] longitude;
  /** GeoNames' population, 0 where unknown. */
  final int[] population;
  final String[] regionNames;
  final String[] countryCodes;
  final String[] countryNames;
  /** Cell {@code c}'s places are {@code [cellStart[c], cellStart[c + 1])}; c = latCell * LON_CELLS + lonCell. */
  final int[] cellStart;

  private PlaceTable(int size, String[] names, short[] region, short[] country, int[] latitude,
      int[] longitude, int[] population, String[] regionNames, String[] countryCodes, int[] cellStart) {
    this.size = size;
    this.names = names;
    this.region = region;
    this.country = country;
    this.latitude = latitude;
    this.longitude = longitude;
    this.population = population;
    this.regionNames = regionNames;
    this.countryCodes = countryCodes;
    this.countryNames = Arrays.stream(countryCodes).map(CountryNames::english).toArray(String[]::new);
    this.cellStart = cellStart;
  }

  private static final Lazy.Once<PlaceTable> SHARED = Lazy.once(PlaceTable::fromClasspath);

  /** The classpath's table, loaded on the first call, once per JVM. */
  static PlaceTable shared() {
    return SHARED.get();
  }

  /** The table the build put on the classpath; failing to find it is a broken build, not a lookup miss. */
  static PlaceTable fromClasspath() {
    InputStream in = PlaceTable.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is not on the classpath: core's build makes it with"
          + " Node (core/src/main/geonames, README \"Places\")");
    }
    try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
      return read(gz.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + RESOURCE, e);
    }
  }

  /**
   * Parses build-places.mjs's format (uncompressed); lines starting with # are comments. By hand over
   * the bytes, because a cold JVM runs this once: readLine, substring and Float.parseFloat per line
   * took 840 ms of a fresh JVM, this ~190 ms (of which gunzip ~70 ms). The file is ordered by country
   * and region, so those columns are looked up only where they change.
   */
  static PlaceTable read(byte[] tsv) throws IOException {
    Columns file = new Columns();
    Map<String, Short> regions = new HashMap<>();
    Map<String, Short> countries = new HashMap<>();
    regions.put("", (short) 0);
    int[] tab = new int[5];
    int previousFrom = 0;
    int previousTo = -1;
    short regionId = 0;
    short countryId = 0;
    for (int line = 0, end; line < tsv.length; line = end + 1) {
      end = indexOf(tsv, (byte) '\n', line, tsv.length);
      if (end == line || tsv[line] == '#') {
        continue;
      }
      int found = 0;
      for (int i = indexOf(tsv, (byte) '\t', line, end); i < end && found < tab.length; i = indexOf(tsv, (byte) '\t', i + 1, end)) {
        tab[found++] = i;
      }
      if (found != tab.length) {
        throw new IOException("Not a place line: " + new String(tsv, line, end - line, StandardCharsets.UTF_8));
      }
      // Region and country code, "Kyoto\tJP": a new id only where they differ from the line before.
      if (!Arrays.equals(tsv, tab[0] + 1, tab[2], tsv, previousFrom, Math.max(previousTo, previousFrom))
          || previousTo < 0) {
        String code = new String(tsv, tab[1] + 1, tab[2] - tab[1] - 1, StandardCharsets.UTF_8);
        String regionName = new String(tsv, tab[0] + 1, tab[1] - tab[0] - 1, StandardCharsets.UTF_8);
        countryId = id(countries, code);
        // Region names repeat across countries ("Central"); the id is per country and name.
        regionId = regionName.isEmpty() ? 0 : id(regions, code + '\t' + regionName);
      }
      previousFrom = tab[0] + 1;
      previousTo = tab[2];
      file.add(new String(tsv, line, tab[0] - line, StandardCharsets.UTF_8), regionId, countryId,
          degrees(tsv, tab[2] + 1, tab[3]), degrees(tsv, tab[3] + 1, tab[4]), number(tsv, tab[4] + 1, end));
    }
    return file.byCell(names(regions, true), names(countries, false));
  }

  private static int indexOf(byte[] bytes, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return to;
  }

  /** "-18.14161" as -1814161: degrees in units of {@link #UNITS_PER_DEGREE}, at most 5 decimals. */
  private static int degrees(byte[] b, int from, int to) throws IOException {
    if (from == to) {
      throw new IOException("An empty latitude or longitude");
    }
    boolean negative = b[from] == '-';
    int value = 0;
    int decimals = -1;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      if (b[i] == '.' && decimals < 0) {
        decimals = 0;
      } else if (b[i] >= '0' && b[i] <= '9' && decimals < 5) {
        value = value * 10 + (b[i] - '0');
        if (decimals >= 0) {
          decimals++;
        }
      } else {
        throw new IOException("Not degrees with at most 5 decimals: " + new String(b, from, to - from, StandardCharsets.UTF_8));
      }
    }
    for (int d = Math.max(decimals, 0); d < 5; d++) {
      value *= 10;
    }
    return negative ? -value : value;
  }

  private static int number(byte[] b, int from, int to) throws IOException {
    if (from == to) {
      throw new IOException("An empty population");
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        throw new IOException("Not a population: " + new String(b, from, to - from, StandardCharsets.UTF_8));
      }
      value = Math.addExact(Math.multiplyExact(value, 10), b[i] - '0');
    }
    return value;
  }

  static int latCell(double latitude) {
    return Math.clamp((long) Math.floor((latitude + 90) * CELLS_PER_DEGREE), 0, LAT_CELLS - 1);
  }

  /** Any longitude: cells wrap at the antimeridian. */
  static int lonCell(double longitude) {
    return Math.floorMod((long) Math.floor((longitude + 180) * CELLS_PER_DEGREE), LON_CELLS);
  }

  Place place(int i) {
    short c = country[i];
    return new Place(names[i], regionNames[region[i]], countryNames[c], countryCodes[c], latitude[i] / UNITS_PER_DEGREE,
        longitude[i] / UNITS_PER_DEGREE);
  }

  private static short id(Map<String, Short> ids, String key) {
    Short id = ids.get(key);
    if (id == null) {
      if (ids.size() > Short.MAX_VALUE) {
        throw new IllegalStateException("More than " + Short.MAX_VALUE + " distinct keys");
      }
      id = (short) ids.size();
      ids.put(key, id);
    }
    return id;
  }

  /** The keys by id; a region's key is "CC\tName", of which its name is kept. */
  private static String[] names(Map<String, Short> ids, boolean afterTab) {
    String[] names = new String[ids.size()];
    ids.forEach((key, id) -> names[id] = afterTab ? key.substring(key.indexOf('\t') + 1) : key);
    return names;
  }

  /** The file's places in file order, growing as read. */
  private static final class Columns {
    int size;
    String[] names = new String[1 << 17];
    short[] region = new short[names.length];
    short[] country = new short[names.length];
    int[] latitude = new int[names.length];
    int[] longitude = new int[names.length];
    int[] population = new int[names.length];

    void add(String name, short regionId, short countryId, int lat, int lon, int people) {
      if (size == names.length) {
        int n = size * 2;
        names = Arrays.copyOf(names, n);
        region = Arrays.copyOf(region, n);
        country = Arrays.copyOf(country, n);
        latitude = Arrays.copyOf(latitude, n);
        longitude = Arrays.copyOf(longitude, n);
        population = Arrays.copyOf(population, n);
      }
      names[size] = name;
      region[size] = regionId;
      country[size] = countryId;
      latitude[size] = lat;
      longitude[size] = lon;
      population[size] = people;
      size++;
    }

    /** A counting sort by cell into exactly sized arrays. */
    PlaceTable byCell(String[] regionNames, String[] countryCodes) {
      int[] cellStart = new int[LAT_CELLS * LON_CELLS + 1];
      int[] cell = new int[size];
      for (int i = 0; i < size; i++) {
        cell[i] = latCell(latitude[i] / UNITS_PER_DEGREE) * LON_CELLS + lonCell(longitude[i] / UNITS_PER_DEGREE);
        cellStart[cell[i] + 1]++;
      }
      for (int c = 0; c < LAT_CELLS * LON_CELLS; c++) {
        cellStart[c + 1] += cellStart[c];
      }
      int[] next = Arrays.copyOf(cellStart, cellStart.length - 1);
      String[] n = new String[size];
      short[] r = new short[size];
      short[] k = new short[size];
      int[] lat = new int[size];
      int[] lon = new int[size];
      int[] pop = new int[size];
      for (int i = 0; i < size; i++) {
        int at = next[cell[i]]++;
        n[at] = names[i];
        r[at] = region[i];
        k[at] = country[i];
        lat[at] = latitude[i];
        lon[at] = longitude[i];
        pop[at] = population[i];
      }
      return new PlaceTable(size, n, r, k, lat, lon, pop, regionNames, countryCodes, cellStart);
    }
  }
}
