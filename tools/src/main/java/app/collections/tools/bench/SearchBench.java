package app.collections.tools.bench;

import static app.collections.tools.bench.BenchQueries.firstPage;
import static app.collections.tools.bench.Latencies.pct;
import static app.collections.tools.bench.Latencies.timed;

import app.collections.auth.Tenant;
import app.collections.embeddings.Embedder;
import app.collections.items.ItemFilter;
import app.collections.json.Json;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchMode;
import app.collections.search.SearchRequest;
import app.collections.search.SearchService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Search latency at scale ({@code ./dev bench}, docs/benchmarks.md). Loads (once; {@code reuse}
 * keeps them) one tenant of {@code items} synthetic analyses and {@code tenants} tenants of
 * {@code tenantItems} beside it ({@link BenchTenants}), then times {@link SearchService#search} per
 * mode for the big tenant and a small one, and sets the big tenant's numbers beside the references
 * ({@link ReferenceComparison}). Query vectors are embedded once before timing: the numbers are
 * the server's search work, not the embedding model's (reported separately). Prints as it goes.
 */
public final class SearchBench {
  /**
   * Passes of the query mix, every mode, on the small tenant, before anything is timed: the JIT's
   * warm-up, so the table is a warm server's latency and not the compiler's. One pass (what the
   * bench did before) left the search path half-compiled: per pass of 100 queries, the small
   * tenant's HYBRID mean went 4.50, 3.51, 3.28 ... 2.55, 2.41 ms over 12 passes and the thread's
   * own CPU per query from 7.0 to 2.3 ms (JDBI's per-call set-up and the driver, interpreted).
   */
  static final int JIT_WARMUP_PASSES = 12;
  private static final List<SearchMode> MODES = List.of(SearchMode.BM25, SearchMode.VECTOR, SearchMode.HYBRID);

  /**
   * What to load and measure.
   *
   * @param golden the labelled analyses: the corpus's vocabulary and the vectors' topics
   * @param labelled labelled queries mixed into the synthetic ones (skipped if the file is missing)
   * @param recallEf ef_search values at which the big tenant's VECTOR latency and recall are also measured
   * @param latencyOnly time the modes only: no recall, FTS5 or exact-scan references
   * @param reuse keep the tenants an earlier run loaded
   */
  public record Options(int items, int tenants, int tenantItems, int queries, Path golden, Path labelled,
      List<Integer> recallEf, boolean latencyOnly, boolean reuse) {}

  private final Jdbi jdbi;
  private final SearchService search;
  private final SearchConfiguration settings;
  private final Embedder embedder;
  private final PrintStream out;

  /** {@code settings}: the search's own, read per search (the recall table changes its ef_search and puts it back). */
  public SearchBench(Jdbi jdbi, SearchService search, SearchConfiguration settings, Embedder embedder, PrintStream out) {
    this.jdbi = jdbi;
    this.search = search;
    this.settings = settings;
    this.embedder = embedder;
    this.out = out;
  }

  public void run(Options options) throws Exception {
    JsonNode golden = Json.MAPPER.readTree(options.golden().toFile());
    SyntheticCorpus corpus = new SyntheticCorpus(golden, 42);
    Tenant big = new Tenant("bench-big");
    List<Tenant> smalls = new ArrayList<>();
    for (int i = 0; i < options.tenants(); i++) {
      smalls.add(new Tenant(String.format("bench-small-%03d", i)));
    }
    BenchTenants tenants = new BenchTenants(jdbi, embedder, golden, corpus, out);
    if (!(options.reuse() && tenants.loaded(big))) {
      tenants.loadFresh(big, options.items(), smalls, options.tenantItems(), settings.getHnswThreshold());
    }
    SearchBenchDao dao = jdbi.onDemand(SearchBenchDao.class);
    printSizes(dao);

    // The multi-tenant trap: a tiny tenant beside the big one must get every hit it has.
    Tenant tiny = new Tenant("bench-tiny");
    tenants.replace(tiny, 10);
    String probe = String.join(" ", corpus.commonWords(10));
    long matching = dao.countItemsMatching(tiny, probe);
    for (SearchMode mode : MODES) {
      int got = search.search(tiny, new SearchRequest(probe, mode, 50, 0, ItemFilter.NONE, false, -1.0, true))
          .totalCount();
      out.printf("10-item tenant beside the big one, %s, no floor: %d hits (expected %d)%n", mode, got,
          mode == SearchMode.BM25 ? matching : 10);
    }

    List<String> queries = BenchQueries.mix(corpus, options.queries(), options.labelled());
    long embedStart = System.nanoTime();
    for (String q : queries) {
      search.search(big, firstPage(q, SearchMode.VECTOR));
    }
    out.printf(Locale.ROOT, "%nQuery embedding (%s, in process, first sight of each query): %.1f ms mean%n",
        embedder.model(), (System.nanoTime() - embedStart) / 1e6 / queries.size());
    Tenant warmed = smalls.isEmpty() ? big : smalls.get(0);
    long warming = System.nanoTime();
    for (int pass = 0; pass < JIT_WARMUP_PASSES; pass++) {
      for (SearchMode mode : MODES) {
        queries.forEach(q -> search.search(warmed, firstPage(q, mode)));
      }
    }
    out.printf(Locale.ROOT, "JIT warm-up: %d passes of the queries in each mode on %s in %.0f s%n",
        JIT_WARMUP_PASSES, warmed.id(), (System.nanoTime() - warming) / 1e9);
    out.println();
    out.println("| tenant | mode | p50 ms | p95 ms | p99 ms | hits on page |");
    out.println("|---|---|---|---|---|---|");
    Map<SearchMode, double[]> bigTook = new EnumMap<>(SearchMode.class);
    for (Tenant tenant : List.of(big, warmed)) {
      for (SearchMode mode : MODES) {
        long[] hits = {0};  // hits on the page, in the timed pass
        double[] took = timed(queries, queries, q -> search.search(tenant, firstPage(q, mode)),
            q -> hits[0] += search.search(tenant, firstPage(q, mode)).hits().size());
        if (tenant == big) {
          bigTook.put(mode, took);
        }
        out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.0f |%n", tenant.id(), mode,
            pct(took, 0.50), pct(took, 0.95), pct(took, 0.99), hits[0] / (double) queries.size());
      }
    }
    if (options.latencyOnly()) {
      return;
    }
    new ReferenceComparison(jdbi, search, settings, embedder, out).run(big, queries, bigTook, options.recallEf());
  }

  private void printSizes(SearchBenchDao dao) {
    out.println();
    out.println("| relation | rows | size |");
    out.println("|---|---|---|");
    dao.relationSizes().forEach(r -> out.printf("| %s | %s | %s |%n", r.name(), r.rows(), r.size()));
  }
}
