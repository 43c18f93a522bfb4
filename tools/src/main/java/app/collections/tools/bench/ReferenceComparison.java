package app.collections.tools.bench;

import static app.collections.tools.bench.BenchQueries.PAGE;
import static app.collections.tools.bench.BenchQueries.firstPage;
import static app.collections.tools.bench.Latencies.pct;
import static app.collections.tools.bench.Latencies.timed;

import app.collections.auth.Tenant;
import app.collections.embeddings.Embedder;
import app.collections.items.ItemFilter;
import app.collections.search.ScoredItem;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchDao;
import app.collections.search.SearchMode;
import app.collections.search.SearchService;
import com.pgvector.PGvector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The big tenant against the references, same queries, same run: our BM25 beside the prototype's
 * SQLite FTS5, and our indexed VECTOR plan beside an exact scan of the same query vectors, which
 * also gives the HNSW plan's recall@10 (a faster plan that finds fewer true neighbours is no
 * speed-up: below {@link #RECALL_FLOOR} the bench says so), and that recall at other ef_search values.
 */
final class ReferenceComparison {
  /** Mean recall@PAGE of the indexed plan below which its latency is not a valid result (issue 15). */
  static final double RECALL_FLOOR = 0.95;
  /**
   * Queries the exact scan is warmed with before its timed pass: it reads the tenant's every vector
   * (~300 ms at 100k), so a full warm-up pass would double the bench's slowest part for nothing.
   */
  static final int EXACT_WARMUP = 10;

  private final Jdbi jdbi;
  private final SearchService search;
  private final SearchConfiguration settings;
  private final Embedder embedder;
  private final PrintStream out;

  ReferenceComparison(Jdbi jdbi, SearchService search, SearchConfiguration settings, Embedder embedder,
      PrintStream out) {
    this.jdbi = jdbi;
    this.search = search;
    this.settings = settings;
    this.embedder = embedder;
    this.out = out;
  }

  /**
   * @param ours the big tenant's timed BM25 and VECTOR milliseconds, sorted
   * @param efSweep the ef_search values of the recall table (empty: none)
   */
  void run(Tenant big, List<String> queries, Map<SearchMode, double[]> ours, List<Integer> efSweep)
      throws Exception {
    Map<String, PGvector> vectors = new HashMap<>();
    queries.forEach(q -> vectors.computeIfAbsent(q, x -> new PGvector(embedder.embedQuery(x))));
    // Without JIT, as the indexed plan runs (SearchDao.pinIndexedPlan): compiling the scan would
    // time PostgreSQL's compiler, not the scan. Each exact scan is timed as it gives the recall's reference.
    Function<String, List<ScoredItem>> exactScan = q -> jdbi.inTransaction(h -> {
      h.attach(SearchBenchDao.class).jitOffInTransaction();
      return h.attach(SearchDao.class).vectorExact(big, embedder.model(), vectors.get(q), ItemFilter.NONE, PAGE);
    });
    queries.subList(0, Math.min(queries.size(), EXACT_WARMUP)).forEach(exactScan::apply);
    double[] recalls = new double[queries.size()];
    double[] exactTook = new double[queries.size()];
    List<Set<UUID>> exactIds = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      String q = queries.get(i);
      Set<UUID> indexed = new HashSet<>();
      search.search(big, firstPage(q, SearchMode.VECTOR)).hits().forEach(hit -> indexed.add(hit.item().id()));
      long t0 = System.nanoTime();
      List<ScoredItem> exact = exactScan.apply(q);
      exactTook[i] = (System.nanoTime() - t0) / 1e6;
      recalls[i] = exact.stream().filter(hit -> indexed.contains(hit.itemId())).count() / (double) exact.size();
      exactIds.add(exact.stream().map(ScoredItem::itemId).collect(Collectors.toSet()));
    }
    Arrays.sort(exactTook);
    efSweep(big, queries, exactIds, efSweep);
    long loading = System.nanoTime();
    double[] ftsTook;
    try (Fts5Engine fts = Fts5Engine.of(jdbi, big)) {
      out.printf(Locale.ROOT, "%nSQLite FTS5 (the prototype's engine) loaded with %s's documents in %.0f s%n",
          big.id(), (System.nanoTime() - loading) / 1e9);
      ftsTook = timed(queries, q -> fts.search(q, PAGE));
    }
    double[] sortedRecalls = recalls.clone();
    Arrays.sort(sortedRecalls);
    double recall = Arrays.stream(recalls).average().orElse(0);
    out.println();
    out.printf("| %s, first page of %d | p50 ms | p95 ms | p50 ratio | p95 ratio | recall@%d |%n", big.id(),
        PAGE, PAGE);
    out.println("|---|---|---|---|---|---|");
    double[] bm25 = ours.get(SearchMode.BM25);
    double[] vector = ours.get(SearchMode.VECTOR);
    row("BM25, this service (postings in PostgreSQL, items hydrated)", bm25, bm25, "");
    row("BM25, the prototype's SQLite FTS5 (ids only)", ftsTook, bm25, "");
    row("VECTOR, this service (HNSW, items hydrated)", vector, vector, String.format(Locale.ROOT,
        "%.3f (min %.1f)", recall, sortedRecalls[0]));
    row("VECTOR, exact scan of the same query vectors (ids only)", exactTook, vector, "1 (the reference)");
    if (recall < RECALL_FLOOR) {
      out.printf(Locale.ROOT, "WARNING: recall@%d %.3f is below %.2f: these VECTOR numbers are not a speed-up%n",
          PAGE, recall, RECALL_FLOOR);
    }
  }

  /**
   * The HNSW plan's latency and recall@10 at other ef_search values, against the exact scan's
   * answers, in the same process (VectorSearch reads ef_search from the configuration per search).
   */
  private void efSweep(Tenant big, List<String> queries, List<Set<UUID>> exactIds, List<Integer> efs) {
    if (efs.isEmpty()) {
      return;
    }
    int configured = settings.getEfSearch();
    out.printf("%n| %s VECTOR at hnsw.ef_search | p50 ms | p95 ms | recall@%d mean | min |%n", big.id(), PAGE);
    out.println("|---|---|---|---|---|");
    try {
      for (int ef : efs) {
        settings.setEfSearch(ef);
        double[] recalls = new double[queries.size()];
        int[] at = {0};
        double[] took = timed(queries, queries, q -> search.search(big, firstPage(q, SearchMode.VECTOR)), q -> {
          Set<UUID> exact = exactIds.get(at[0]);
          long found = search.search(big, firstPage(q, SearchMode.VECTOR)).hits().stream()
              .filter(hit -> exact.contains(hit.item().id())).count();
          recalls[at[0]++] = found / (double) Math.max(1, exact.size());
        });
        double mean = Arrays.stream(recalls).average().orElse(0);
        out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.1f |%n", ef, pct(took, 0.50), pct(took, 0.95),
            mean, Arrays.stream(recalls).min().orElse(0));
      }
    } finally {
      settings.setEfSearch(configured);
    }
  }

  private void row(String engine, double[] took, double[] ours, String recall) {
    out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1fx | %.1fx | %s |%n", engine, pct(took, 0.50),
        pct(took, 0.95), pct(took, 0.50) / pct(ours, 0.50), pct(took, 0.95) / pct(ours, 0.95), recall);
  }
}
