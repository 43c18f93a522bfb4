package app.collections.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.CollectionsConfiguration;
import app.collections.analyses.AnalysisDao;
import app.collections.assembly.Indexing;
import app.collections.assembly.Persistence;
import app.collections.assembly.Searching;
import app.collections.auth.Tenant;
import app.collections.embeddings.Embedder;
import app.collections.items.ItemDao;
import app.collections.lifecycle.JobDao;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./dev bench} in miniature, on the test database and a word-hashing embedder: a fresh load
 * (statistics exact, the big tenant's HNSW index built), the tiny tenant beside the big one getting
 * every hit it has, the latency table, the references and the recall table; then a {@code --reuse
 * --latency-only} run that loads nothing and stops after the latency table. Its numbers are not
 * checked, only that every step runs and says so.
 */
class SearchBenchTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  @Test
  void aSmallBenchLoadsMeasuresAndComparesThenReusesItsTenants() throws Exception {
    db.truncate();
    CollectionsConfiguration config = new CollectionsConfiguration();
    // Low enough that the big tenant of 120 gets its own HNSW index, as the 100k one does.
    config.getSearch().setHnswThreshold(100);
    Jdbi jdbi = db.jdbi();
    Persistence persistence = new Persistence(jdbi, jdbi.onDemand(ItemDao.class), jdbi.onDemand(AnalysisDao.class),
        jdbi.onDemand(JobDao.class));
    Embedder embedder = new WordHashEmbedder();
    Indexing indexing = Indexing.create(persistence, embedder, config.getSearch());
    Searching searching = Searching.create(config, persistence, indexing, new MetricRegistry());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SearchBench bench = new SearchBench(jdbi, searching.search(), config.getSearch(), embedder,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    bench.run(options(false, false));
    String fresh = printed.toString(StandardCharsets.UTF_8);
    assertThat(fresh).contains("[load] 120 items of bench-big and 2 tenants of 20 beside it",
        "[load] term and corpus statistics against a recount: exact", "HNSW index of the big tenant built in",
        "| relation | rows | size |", "| embeddings_hnsw_",
        "| tenant | mode | p50 ms | p95 ms | p99 ms | hits on page |", "| bench-small-000 | HYBRID |",
        "| bench-big VECTOR at hnsw.ef_search |", "| 40 |",
        "SQLite FTS5 (the prototype's engine) loaded with bench-big's documents",
        "| BM25, the prototype's SQLite FTS5 (ids only) |", "| VECTOR, exact scan of the same query vectors");
    // The multi-tenant trap: the tiny tenant gets every hit it has beside the big one, in every mode.
    Matcher hits = Pattern.compile("10-item tenant beside the big one, (\\w+), no floor: (\\d+) hits \\(expected (\\d+)\\)")
        .matcher(fresh);
    int modes = 0;
    for (; hits.find(); modes++) {
      assertThat(hits.group(2)).as(hits.group(1)).isEqualTo(hits.group(3));
    }
    assertThat(modes).isEqualTo(3);
    assertThat(jdbi.onDemand(BenchLoaderDao.class).countItems(new Tenant("bench-big"))).isEqualTo(120);

    printed.reset();
    bench.run(options(true, true));
    String reused = printed.toString(StandardCharsets.UTF_8);
    assertThat(reused).doesNotContain("items of bench-big", "SQLite FTS5").contains("| bench-small-000 | HYBRID |");
  }

  /**
   * Texts sharing words get nearby vectors: enough for the bench's plans and recall to run, in
   * milliseconds where the in-process model takes a minute for the topics and queries.
   */
  private static final class WordHashEmbedder implements Embedder {
    private static final int DIMENSION = 64;

    @Override
    public String model() {
      return "word-hash";
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
      return texts.stream().map(this::embedQuery).toList();
    }

    @Override
    public float[] embedQuery(String text) {
      float[] vector = new float[DIMENSION];
      vector[0] = 1e-3f;
      for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
        vector[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
      }
      double norm = 0;
      for (float v : vector) {
        norm += v * v;
      }
      for (int i = 0; i < DIMENSION; i++) {
        vector[i] /= (float) Math.sqrt(norm);
      }
      return vector;
    }
  }

  private static SearchBench.Options options(boolean latencyOnly, boolean reuse) {
    return new SearchBench.Options(120, 2, 20, 6, Fixtures.sharedDir().resolve("eval/golden_analyses.json"),
        Fixtures.sharedDir().resolve("eval/retrieval_queries.json"), List.of(40), latencyOnly, reuse);
  }
}
