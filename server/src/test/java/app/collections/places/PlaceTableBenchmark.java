package app.collections.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the constants' comments in PlaceTable and ReverseGeocoder quote: the table's load time and
 * heap, and lookup times. Tagged {@code benchmark}, so a measurement, not a gate; run it alone (so
 * its load is the JVM's first) with
 * {@code m test -pl server -Dtest=PlaceTableBenchmark -Dbenchmarks.excluded=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class PlaceTableBenchmark {
  private static final int LOOKUPS = 200_000;

  @Test
  void loadAndLookups() {
    long heapBefore = usedHeap();
    long started = System.nanoTime();
    long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    PlaceTable table = PlaceTable.fromClasspath();
    long loadNanos = System.nanoTime() - started;
    System.out.printf("load: %.0f ms of this thread's CPU%n",
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e6);
    long heap = usedHeap() - heapBefore;
    System.out.printf("load: %d places in %.0f ms, %.1f MB of heap%n", table.size, loadNanos / 1e6, heap / 1e6);
    long namesBefore = usedHeap();
    PlaceNames names = new PlaceNames(table);
    System.out.printf("PlaceNames: %.1f MB more (%s)%n", (usedHeap() - namesBefore) / 1e6, names.kinds("kyoto"));

    ReverseGeocoder geocoder = new ReverseGeocoder(() -> table);
    Random random = new Random(23);
    double[][] anywhere = new double[LOOKUPS][];
    double[][] nearPlaces = new double[LOOKUPS][];
    for (int n = 0; n < LOOKUPS; n++) {
      anywhere[n] = new double[] {Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), random.nextDouble() * 360 - 180};
      // Where photos are taken: within a few km of a place, as often in dense regions as places are.
      int i = random.nextInt(table.size);
      nearPlaces[n] = new double[] {table.latitude[i] / PlaceTable.UNITS_PER_DEGREE + random.nextGaussian() * 0.03,
          table.longitude[i] / PlaceTable.UNITS_PER_DEGREE + random.nextGaussian() * 0.03};
    }
    for (int round = 0; round < 3; round++) {
      report("anywhere on Earth", geocoder, anywhere);
      report("near places", geocoder, nearPlaces);
    }
  }

  private static void report(String what, ReverseGeocoder geocoder, double[][] points) {
    long[] nanos = new long[points.length];
    int found = 0;
    for (int n = 0; n < points.length; n++) {
      long started = System.nanoTime();
      found += geocoder.nearest(points[n][0], points[n][1]).isPresent() ? 1 : 0;
      nanos[n] = System.nanoTime() - started;
    }
    long total = Arrays.stream(nanos).sum();
    Arrays.sort(nanos);
    System.out.printf("%-18s mean %5.2f µs  p50 %5.2f µs  p99 %6.2f µs  p99.9 %6.2f µs  (%d%% answered)%n", what,
        total / 1e3 / points.length, nanos[points.length / 2] / 1e3, nanos[points.length * 99 / 100] / 1e3,
        nanos[points.length * 999 / 1000] / 1e3, found * 100 / points.length);
    assertThat(found).isPositive();
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
