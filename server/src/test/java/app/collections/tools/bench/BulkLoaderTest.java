package app.collections.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.search.DocumentBuilder;
import app.collections.search.SearchDocument;
import app.collections.search.SearchIndexDao;
import app.collections.testing.Fixtures;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench's bulk load indexes exactly as the pipeline does (same postings, documents and
 * statistics for the same analyses), keeps the trigger-kept statistics exact, and gives the
 * postings table back its own indexes and foreign key.
 */
class BulkLoaderTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant pipeline = new Tenant("pipeline");
  private final Tenant bench = new Tenant("bench-a");
  private final DocumentBuilder builder = new DocumentBuilder();
  private final BulkLoader loader = new BulkLoader("test-model", 3);

  @BeforeEach
  void setUp() {
    db.truncate();
  }

  @Test
  void bulkLoadIndexesAsThePipelineDoesWithExactStatisticsAndTheIndexesBack() {
    List<JsonNode> golden = Fixtures.goldenAnalyses();
    List<UUID> viaPipeline = new ArrayList<>();
    for (JsonNode g : golden) {
      UUID id = UUID.randomUUID();
      db.jdbi().onDemand(ItemDao.class).insert(pipeline,
          new NewItem(id, id + ".jpg", id + ".jpg", "image/jpeg", 1000, 589, 1280, null, null));
      db.jdbi().onDemand(SearchIndexDao.class).index(pipeline, id, UUID.randomUUID(), builder.build(g));
      viaPipeline.add(id);
    }
    List<Map<String, Object>> indexesBefore = postingsIndexesAndKeys();
    List<UUID> viaBulk = new ArrayList<>();
    List<BenchItem> items = new ArrayList<>();
    for (JsonNode g : golden) {
      UUID id = UUID.randomUUID();
      viaBulk.add(id);
      items.add(new BenchItem(id, g.path("category").asText(), 3600, builder.build(g),
          new float[][] {{1, 0, 0}, {0, 1, 0.5f}}));
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    db.jdbi().useTransaction(h -> BulkLoader.withoutPostingsIndexes(h, () -> {
      // Two chunks, so the statistics triggers add to what an earlier statement counted.
      loader.load(h, bench, items.subList(0, 20));
      assertThat(postingsIndexesAndKeys(h)).extracting(r -> r.get("name")).containsExactly("postings_tf_check");
      loader.load(h, bench, items.subList(20, items.size()));
    }, new PrintStream(printed, true, StandardCharsets.UTF_8)));

    assertThat(postingsIndexesAndKeys()).isEqualTo(indexesBefore).hasSizeGreaterThanOrEqualTo(3);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("postings' 2 indexes and 1 foreign keys built");
    assertThat(drift()).isZero();
    for (int i = 0; i < golden.size(); i++) {
      assertThat(postings(bench, viaBulk.get(i))).as("item %d", i).isEqualTo(postings(pipeline, viaPipeline.get(i)))
          .isNotEmpty();
      assertThat(document(bench, viaBulk.get(i))).isEqualTo(document(pipeline, viaPipeline.get(i)));
    }
    assertThat(df(bench)).isEqualTo(df(pipeline)).isNotEmpty();
    Map<String, Object> bulkCorpus = corpus(bench);
    Map<String, Object> pipelineCorpus = corpus(pipeline);
    assertThat(bulkCorpus.get("documents")).isEqualTo(pipelineCorpus.get("documents")).isEqualTo((long) golden.size());
    assertThat((Double) bulkCorpus.get("total_length")).isCloseTo((Double) pipelineCorpus.get("total_length"),
        within(1e-6));
    assertThat(count("SELECT count(*) FROM embeddings WHERE user_id = 'bench-a' AND model = 'test-model'"))
        .isEqualTo(2L * golden.size());
    List<String> vectors = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT part || ' ' || dimension || ' ' || embedding::text FROM embeddings WHERE user_id = 'bench-a'"
            + " AND item_id = :i ORDER BY part").bind("i", viaBulk.get(7)).mapTo(String.class).list());
    assertThat(vectors).containsExactly("0 3 [1,0,0]", "1 3 [0,1,0.5]");
    assertThat(count("SELECT count(*) FROM items WHERE user_id = 'bench-a' AND status = 'READY'"))
        .isEqualTo(golden.size());
  }

  @Test
  void textWithTabsNewlinesAndBackslashesSurvivesCopy() {
    SearchDocument document = new SearchDocument(
        List.of(new SearchDocument.Field("headline", "tab\there\\there\nnext line\r", 3.0)), "body\twith\\tab\n", "");
    UUID id = UUID.randomUUID();
    db.jdbi().useHandle(h -> loader.load(h, bench, List.of(new BenchItem(id, "Food", 0, document,
        new float[][] {{1, 0, 0}}))));
    String body = db.jdbi().withHandle(h -> h.createQuery("SELECT body FROM documents WHERE item_id = :id")
        .bind("id", id).mapTo(String.class).one());
    assertThat(body).isEqualTo("body\twith\\tab\n");
    assertThat(drift()).isZero();
  }

  @Test
  void aFreshLoadRefusesToWipeADatabaseHoldingOtherTenants() {
    UUID id = UUID.randomUUID();
    db.jdbi().onDemand(ItemDao.class).insert(pipeline,
        new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", 1000, 589, 1280, null, null));
    assertThatThrownBy(() -> db.jdbi().useTransaction(h -> BulkLoader.wipe(h, "bench-")))
        .hasMessageContaining("1 items of tenants other than bench-");
    assertThat(count("SELECT count(*) FROM items")).isEqualTo(1);
  }

  @Test
  void progressSaysItemsRateAndTimeLeft() {
    assertThat(LoadProgress.line(50_000, 200_000, 100))
        .isEqualTo("[load] 50,000 / 200,000 items (25%), 500 items/s, 5 min 0 s left");
  }

  private long drift() {
    return db.jdbi().withHandle(BulkLoader::statisticsDrift);
  }

  private long count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private List<Map<String, Object>> postingsIndexesAndKeys() {
    return db.jdbi().withHandle(this::postingsIndexesAndKeys);
  }

  private List<Map<String, Object>> postingsIndexesAndKeys(Handle h) {
    return h.createQuery("""
        SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'postings'
        UNION ALL
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'postings'::regclass
        ORDER BY 1""").mapToMap().list();
  }

  private List<Map<String, Object>> postings(Tenant tenant, UUID item) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT lexeme, tf, length FROM postings WHERE user_id = :t AND item_id = :i ORDER BY lexeme")
        .bind("t", tenant.id()).bind("i", item).mapToMap().list());
  }

  private Map<String, Object> document(Tenant tenant, UUID item) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT body, gist, length FROM documents WHERE user_id = :t AND item_id = :i")
        .bind("t", tenant.id()).bind("i", item).mapToMap().one());
  }

  private List<Map<String, Object>> df(Tenant tenant) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT lexeme, df FROM term_stats WHERE user_id = :t ORDER BY lexeme")
        .bind("t", tenant.id()).mapToMap().list());
  }

  private Map<String, Object> corpus(Tenant tenant) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT documents, total_length FROM corpus_stats WHERE user_id = :t")
        .bind("t", tenant.id()).mapToMap().one());
  }
}
