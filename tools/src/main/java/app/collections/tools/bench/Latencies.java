package app.collections.tools.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** How the search bench times: a warm-up pass, then each query of a timed pass in milliseconds, sorted. */
final class Latencies {
  private Latencies() {}

  /** One warm-up pass, then one timed pass: each query's milliseconds, sorted. */
  static double[] timed(List<String> queries, Consumer<String> run) {
    return timed(queries, queries, run, run);
  }

  /** {@code warm} over {@code warmUp} untimed, then {@code run} over {@code queries} timed one by one. */
  static double[] timed(List<String> warmUp, List<String> queries, Consumer<String> warm, Consumer<String> run) {
    warmUp.forEach(warm);
    double[] took = new double[queries.size()];
    for (int i = 0; i < queries.size(); i++) {
      long t0 = System.nanoTime();
      run.accept(queries.get(i));
      took[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(took);
    return took;
  }

  /** The {@code q} quantile of sorted milliseconds, nearest rank. */
  static double pct(double[] sorted, double q) {
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
  }
}
