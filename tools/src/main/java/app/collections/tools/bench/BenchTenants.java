package app.collections.tools.bench;

import app.collections.auth.Tenant;
import app.collections.embeddings.Embedder;
import app.collections.embeddings.VectorIndexes;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The search bench's synthetic tenants in its own database: a fresh load of the big tenant and the
 * small ones beside it, indexed as the pipeline would index them (postings, statistics, vectors,
 * the big tenant's HNSW index), or one tenant replaced. Every tenant is named {@value #PREFIX}*.
 */
final class BenchTenants {
  /** Every tenant the bench loads is named so; a fresh load refuses a database holding others. */
  static final String PREFIX = "bench-";

  private final Jdbi jdbi;
  private final BenchLoaderDao dao;
  private final Embedder embedder;
  private final JsonNode golden;
  private final SyntheticCorpus corpus;
  private final BulkLoader bulk;
  private final PrintStream out;

  /** {@code golden}: the labelled analyses, whose embeddings are the vectors' topics (TopicVectors). */
  BenchTenants(Jdbi jdbi, Embedder embedder, JsonNode golden, SyntheticCorpus corpus, PrintStream out) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(BenchLoaderDao.class);
    this.embedder = embedder;
    this.golden = golden;
    this.corpus = corpus;
    this.bulk = new BulkLoader(embedder.model(), embedder.dimension());
    this.out = out;
  }

  /** Whether an earlier run loaded {@code tenant} (what {@code --reuse} keeps). */
  boolean loaded(Tenant tenant) {
    return dao.countItems(tenant) > 0;
  }

  /**
   * Empties the bench database and loads {@code big} and {@code smalls} in one transaction (one
   * interrupted rolls back whole), checks the statistics against a recount, vacuums, then builds
   * the big tenant's HNSW index.
   */
  void loadFresh(Tenant big, int bigItems, List<Tenant> smalls, int smallItems, int hnswThreshold) {
    TopicVectors topics = TopicVectors.of(golden, embedder, corpus.random());
    LoadProgress progress = new LoadProgress(bigItems + (long) smalls.size() * smallItems, out);
    out.printf(Locale.ROOT, "[load] %,d items of %s and %d tenants of %,d beside it, by COPY in chunks"
        + " of %,d; one transaction (interrupted, it rolls back whole)%n", bigItems, big.id(), smalls.size(),
        smallItems, BulkLoader.CHUNK);
    long started = System.nanoTime();
    jdbi.useTransaction(h -> {
      BulkLoader.wipe(h, PREFIX);
      BulkLoader.withoutPostingsIndexes(h, () -> {
        load(h, topics, big, bigItems, progress);
        for (Tenant small : smalls) {
          load(h, topics, small, smallItems, progress);
        }
      }, out);
    });
    out.printf(Locale.ROOT, "Loaded %d + %d x %d items in %.0f s (rows %.0f s, then indexes)%n",
        bigItems, smalls.size(), smallItems, (System.nanoTime() - started) / 1e9, progress.seconds());
    out.println("[load] rows: " + bulk.breakdown());
    long checked = System.nanoTime();
    long drift = jdbi.withHandle(BulkLoader::statisticsDrift);
    out.printf(Locale.ROOT, "[load] term and corpus statistics against a recount: %s (%.0f s)%n",
        drift == 0 ? "exact" : drift + " rows differ", (System.nanoTime() - checked) / 1e9);
    if (drift != 0) {
      throw new IllegalStateException("the statistics triggers lost count during the bulk load");
    }
    long vacuumed = System.nanoTime();
    dao.vacuumAnalyze();
    out.printf(Locale.ROOT, "[load] VACUUM (ANALYZE) in %.0f s%n", (System.nanoTime() - vacuumed) / 1e9);
    started = System.nanoTime();
    dao.raiseMaintenanceWorkMem();
    new VectorIndexes(jdbi, hnswThreshold).build(big, embedder.model(), embedder.dimension());
    out.printf(Locale.ROOT, "HNSW index of the big tenant built in %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  /** Drops {@code tenant} and loads {@code count} fresh items for it, on topics of their own. */
  void replace(Tenant tenant, int count) {
    dao.deleteTenant(tenant);
    TopicVectors topics = TopicVectors.of(golden, embedder, corpus.random());
    jdbi.useHandle(h -> load(h, topics, tenant, count, new LoadProgress(count, out)));
  }

  /** One tenant's synthetic items, generated and copied in chunk by chunk. */
  private void load(Handle h, TopicVectors topics, Tenant tenant, int count, LoadProgress progress) {
    DocumentBuilder builder = new DocumentBuilder();
    for (int done = 0; done < count; done += BulkLoader.CHUNK) {
      int n = Math.min(BulkLoader.CHUNK, count - done);
      List<BenchItem> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        var analysis = corpus.analysis();
        String category = analysis.path("category").asText();
        double age = corpus.random().nextDouble() * 3 * 365 * 86400;
        SearchDocument document = builder.build(analysis);
        // Two passages per item, as the pipeline stores them: the body, and the gist near it.
        items.add(new BenchItem(UUID.randomUUID(), category, age, document, topics.item()));
      }
      bulk.load(h, tenant, items);
      progress.advance(n);
    }
  }
}
