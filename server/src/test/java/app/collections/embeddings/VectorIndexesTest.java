package app.collections.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.search.ScoredItem;
import app.collections.search.SearchConfiguration;
import app.collections.search.SearchDao;
import app.collections.search.SearchDocument;
import app.collections.items.ItemFilter;
import app.collections.search.SearchIndexDao;
import app.collections.search.VectorSearch;
import app.collections.testing.TestDatabase;
import com.pgvector.PGvector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-tenant rule: a large tenant gets its own HNSW index, a small one beside it is scanned
 * exactly and gets every hit it has. Plans are pinned with EXPLAIN.
 */
class VectorIndexesTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final int THRESHOLD = 300;
  static final String MODEL = "test-model";
  static final int DIM = 384;
  static final Tenant big = new Tenant("big");
  static final Tenant small = new Tenant("small");
  static final List<UUID> smallItems = new ArrayList<>();
  static final List<UUID> bigFoodItems = new ArrayList<>();
  static VectorIndexes indexes;
  static VectorSearch search;
  static final Random random = new Random(42);

  @BeforeAll
  static void tenants() {
    indexes = new VectorIndexes(db.jdbi(), THRESHOLD);
    for (int i = 0; i < 400; i++) {
      UUID id = add(big, i % 20 == 0 ? "Food" : "Travel");
      if (i % 20 == 0) {
        bigFoodItems.add(id);
      }
    }
    for (int i = 0; i < 10; i++) {
      smallItems.add(add(small, "Travel"));
    }
    db.jdbi().useHandle(h -> h.execute("ANALYZE"));
    assertThat(indexes.ensure(big, MODEL, DIM)).isTrue();
    assertThat(indexes.ensure(small, MODEL, DIM)).isFalse();
    SearchConfiguration config = new SearchConfiguration();
    search = new VectorSearch(db.jdbi(), new QueryEmbeddingCache(new FixedEmbedder(), 10), indexes, config);
  }

  @Test
  void onlyTheLargeTenantHasAnIndex() {
    assertThat(indexes.indexed(big, MODEL)).contains(DIM);
    assertThat(indexes.indexed(small, MODEL)).isEmpty();
    assertThat(indexes.ensure(big, MODEL, DIM)).as("built once").isFalse();
  }

  @Test
  void theLargeTenantsQueryUsesItsOwnHnswIndex() {
    String plan = explain("vectorIndexed", big, true);
    assertThat(plan).contains("Index Scan using " + VectorIndexes.indexName(big, MODEL));
    // Ordered by the index itself: nothing sorts the tenant's rows below the inner LIMIT (the
    // outer query only sorts the few items those passages belong to).
    assertThat(plan.substring(plan.lastIndexOf("Limit"))).doesNotContain("Sort");
    // The pinned plan's disabled nodes cost 10^10: without jit off, that alone would JIT-compile it.
    assertThat(plan).doesNotContain("JIT");
  }

  @Test
  void theSmallTenantIsScannedExactlyThroughItsUserIdIndex() {
    String plan = explain("vectorExact", small, false);
    assertThat(plan).doesNotContain("hnsw").containsAnyOf("embeddings_user_model_idx", "embeddings_pkey");
  }

  @Test
  void theExactScanGroupsOnlyTheNearestPassagesNotEveryOne() {
    // 10 items, 20 passages: a page of 3 reads the 6 nearest passages and groups only those.
    String plan = explain("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ", "vectorExact", small, false, 3);
    assertThat(plan).containsPattern("Limit \\(actual rows=6 ");
    assertThat(plan.lines().filter(line -> line.contains("Aggregate")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(Integer.parseInt(line.replaceAll(".*actual rows=(\\d+).*", "$1")))
            .isLessThanOrEqualTo(6));
  }

  @Test
  void theExactScanRanksLikeEveryPassageComparedInJava() {
    // The adversarial case for reading only limit x parts passages: the nearest items have both of
    // their passages near the query, so the first passages name half as many items as they number.
    Tenant twins = new Tenant("twins");
    PGvector query = randomVector();
    java.util.Map<UUID, Double> nearest = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      UUID id = UUID.randomUUID();
      db.jdbi().onDemand(ItemDao.class).insert(twins, new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", 1, 1, 1, null, null));
      List<float[]> parts = i < 12
          ? List.of(near(query, 0.05 * (i + 1)), near(query, 0.05 * (i + 1) + 0.01))
          : List.of(randomVector().toArray(), randomVector().toArray());
      db.jdbi().onDemand(EmbeddingDao.class).store(twins, id, MODEL, DIM, parts);
      nearest.put(id, parts.stream().mapToDouble(p -> 1 - Vectors.cosine(query.toArray(), p)).min().orElseThrow());
    }
    for (int limit : List.of(1, 5, 10, 12, 15, 40)) {
      List<UUID> expected = nearest.entrySet().stream()
          .sorted(java.util.Map.Entry.<UUID, Double>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
          .limit(limit).map(java.util.Map.Entry::getKey).toList();
      List<ScoredItem> got = db.jdbi().onDemand(SearchDao.class)
          .vectorExact(twins, MODEL, query, ItemFilter.NONE, limit);
      assertThat(got).as("limit %d", limit).extracting(ScoredItem::itemId).containsExactlyElementsOf(expected);
      assertThat(got).allSatisfy(hit -> assertThat(hit.score()).isCloseTo(1 - nearest.get(hit.itemId()),
          org.assertj.core.data.Offset.offset(1e-5)));
    }
  }

  /** The query moved by {@code step} along a random direction. */
  private static float[] near(PGvector query, double step) {
    float[] q = query.toArray();
    float[] noise = randomVector().toArray();
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (q[i] + step * noise[i]);
    }
    return v;
  }

  @Test
  void anUnfilteredSearchNeverReadsTheItemsTable() {
    for (String statement : List.of("vectorIndexed", "vectorExact")) {
      String plan = explain("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ", statement, statement.equals("vectorIndexed") ? big : small,
          statement.equals("vectorIndexed"));
      // A custom plan folds the filter away; a generic one keeps it but never runs it.
      assertThat(plan).as(statement).contains("embeddings");
      assertThat(plan.lines().filter(line -> line.contains("on items")))
          .as(statement).allMatch(line -> line.contains("never executed"));
    }
  }

  @Test
  void aTenantWithoutAnIndexIsNotAskedAgainUntilTheRecheckAndAStaleAnswerNeverRebuilds() {
    Tenant growing = new Tenant("growing");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(add(growing, "Travel"));
    }
    VectorIndexes api = new VectorIndexes(db.jdbi(), 10, java.time.Duration.ofHours(1));
    assertThat(api.indexed(growing, MODEL)).isEmpty();
    // Another process (the pipeline's worker) builds the tenant's index.
    assertThat(new VectorIndexes(db.jdbi(), 10).ensure(growing, MODEL, DIM)).isTrue();
    String oid = indexOid(growing);

    assertThat(api.indexed(growing, MODEL)).as("remembered as absent").isEmpty();
    assertThat(api.ensure(growing, MODEL, DIM)).as("the database says it exists: no rebuild").isFalse();
    assertThat(indexOid(growing)).as("the same index, not dropped and built again").isEqualTo(oid);
    assertThat(api.indexed(growing, MODEL)).contains(DIM);
    assertThat(new VectorIndexes(db.jdbi(), 10, java.time.Duration.ZERO).indexed(growing, MODEL)).contains(DIM);
  }

  private static String indexOid(Tenant tenant) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT CAST(:name AS regclass)::oid::text")
        .bind("name", VectorIndexes.indexName(tenant, MODEL)).mapTo(String.class).one());
  }

  @Test
  void theThresholdCountsVectorsNotItems() {
    Tenant twoPassages = new Tenant("two-passages");
    for (int i = 0; i < 20; i++) {
      add(twoPassages, "Travel");
    }
    // 20 items, 40 vectors: past a threshold of 30 vectors though short of 30 items.
    assertThat(new VectorIndexes(db.jdbi(), 30).ensure(twoPassages, MODEL, DIM)).isTrue();
  }

  @Test
  void tenantLiteralsAreEscapedAndNulIsRefused() {
    assertThat(VectorIndexes.literal("o'brien")).isEqualTo("'o''brien'");
    assertThat(VectorIndexes.literal("x'); DROP TABLE items; --")).isEqualTo("'x''); DROP TABLE items; --'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorIndexes.literal("a\u0000b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTenantWithAQuoteInItsIdIsSearchedThroughItsOwnIndex() {
    Tenant quoted = new Tenant("o'brien");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(add(quoted, "Travel"));
    }
    VectorIndexes lowThreshold = new VectorIndexes(db.jdbi(), 10);
    assertThat(lowThreshold.ensure(quoted, MODEL, DIM)).isTrue();
    VectorSearch quotedSearch = new VectorSearch(db.jdbi(), new QueryEmbeddingCache(new FixedEmbedder(), 10),
        lowThreshold, new SearchConfiguration());
    assertThat(quotedSearch.nearest(quoted, randomVector(), ItemFilter.NONE, 50)).extracting(ScoredItem::itemId)
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void anItemScoresAsItsNearestPassageInBothPlans() {
    for (Tenant tenant : List.of(big, small)) {
      UUID item = (tenant == big ? bigFoodItems : smallItems).get(3);
      PGvector gist = db.jdbi().withHandle(h -> h.createQuery(
              "SELECT embedding FROM embeddings WHERE user_id = :t AND item_id = :i AND model = :m AND part = 1")
          .bind("t", tenant.id()).bind("i", item).bind("m", MODEL).mapTo(PGvector.class).one());
      List<ScoredItem> hits = search.nearest(tenant, gist, ItemFilter.NONE, 10);
      assertThat(hits.getFirst().itemId()).as(tenant.id()).isEqualTo(item);
      assertThat(hits.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(hits).extracting(ScoredItem::itemId).doesNotHaveDuplicates().hasSize(10);
    }
  }

  @Test
  void theSmallTenantGetsEveryItemItHas() {
    List<ScoredItem> hits = search.nearest(small, randomVector(), ItemFilter.NONE, 50);
    assertThat(hits).extracting(ScoredItem::itemId).containsExactlyInAnyOrderElementsOf(smallItems);
  }

  @Test
  void theIndexFindsWhatAnExactScanFinds() {
    for (int q = 0; q < 5; q++) {
      PGvector query = randomVector();
      List<UUID> indexed = search.nearest(big, query, ItemFilter.NONE, 10).stream().map(ScoredItem::itemId).toList();
      List<UUID> exact = db.jdbi().onDemand(app.collections.search.SearchDao.class)
          .vectorExact(big, MODEL, query, ItemFilter.NONE, 10).stream().map(ScoredItem::itemId).toList();
      assertThat(indexed).hasSize(10);
      assertThat(indexed.stream().filter(exact::contains).count()).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void aSelectiveFilterStillFillsThePageThroughIterativeScan() {
    List<ScoredItem> hits = search.nearest(big, randomVector(), ItemFilter.NONE.withCategory("Food"), 15);
    assertThat(hits).hasSize(15).extracting(ScoredItem::itemId).allMatch(bigFoodItems::contains);
  }

  private static UUID add(Tenant tenant, String category) {
    UUID id = UUID.randomUUID();
    db.jdbi().onDemand(ItemDao.class).insert(tenant, new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", 1, 1, 1, null, null));
    db.jdbi().useHandle(h -> h.execute("UPDATE items SET category = ? WHERE user_id = ? AND id = ?", category, tenant.id(), id));
    db.jdbi().onDemand(SearchIndexDao.class).index(tenant, id, UUID.randomUUID(),
        new SearchDocument(List.of(new SearchDocument.Field("headline", "item " + category, 1)), "item " + category,
            "item"));
    // Two passages, as the pipeline stores them: every search here also proves an item comes back once.
    db.jdbi().onDemand(EmbeddingDao.class).store(tenant, id, MODEL, DIM,
        List.of(randomVector().toArray(), randomVector().toArray()));
    return id;
  }

  static PGvector randomVector() {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return new PGvector(v);
  }

  /** EXPLAIN of a DAO's own SQL file, bound as the DAO binds it. */
  private static String explain(String statement, Tenant tenant, boolean indexed) {
    return explain("EXPLAIN ", statement, tenant, indexed);
  }

  private static String explain(String explain, String statement, Tenant tenant, boolean indexed) {
    return explain(explain, statement, tenant, indexed, 10);
  }

  private static String explain(String explain, String statement, Tenant tenant, boolean indexed, int limit) {
    String sql = sql(statement);
    return db.jdbi().inTransaction(h -> {
      if (indexed) {
        h.attach(SearchDao.class).pinIndexedPlan(100);
      }
      return String.join("\n", h.createQuery(explain + sql)
          .define("dimension", DIM)
          .define("tenantLiteral", VectorIndexes.literal(tenant.id()))
          .define("modelLiteral", VectorIndexes.literal(MODEL))
          .bind("tenant", tenant.id()).bind("model", MODEL).bind("vector", randomVector())
          .bindMethods("f", ItemFilter.NONE).bind("limit", limit)
          .bind("passages", limit * EmbeddingDao.MAX_PARTS)
          .mapTo(String.class).list());
    });
  }

  private static String sql(String statement) {
    try (InputStream in = VectorIndexesTest.class.getResourceAsStream("/app/collections/search/SearchDao/" + statement + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Queries here come as vectors; the embedder only names the model. */
  static final class FixedEmbedder implements Embedder {
    public String model() { return MODEL; }
    public int dimension() { return DIM; }
    public List<float[]> embedDocuments(List<String> texts) { throw new UnsupportedOperationException(); }
    public float[] embedQuery(String text) { throw new UnsupportedOperationException(); }
  }
}
