package app.collections.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.embeddings.VectorIndexes;
import app.collections.items.ItemDao;
import app.collections.testing.Fixtures;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import app.collections.testing.TestEmbedder;
import app.collections.local.ocr.LocalVisionAnalyzer;
import app.collections.vision.VisionConfiguration;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BM25's relevance floor on an offline analysis: the luggage-storage screenshot read by Tesseract
 * (a long text, the query's rare words in it once or twice) among the labelled collection. Its
 * score is strong, yet with relevance as score over the best possible score it fell under the floor
 * (long documents are held down by length normalisation) and the query answered nothing.
 */
class OfflineRelevanceFloorTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  static final Tenant tenant = new Tenant("offline");
  static final String LUGGAGE = "044aeaa6-9971-4a05-8b16-6b9e74e682bc";
  static UUID luggage;
  static SearchService search;

  @BeforeAll
  static void collection() throws Exception {
    SearchableItems searchable = new SearchableItems(db.jdbi());
    byte[] image = Files.readAllBytes(Fixtures.sharedDir().resolve("eval/images/" + LUGGAGE + ".jpg"));
    ObjectNode offline = new LocalVisionAnalyzer(new VisionConfiguration().getTessdata())
        .analyze(image, "image/jpeg", null).analysis();
    offline.put("item_id", LUGGAGE);
    for (JsonNode golden : Fixtures.goldenAnalyses()) {
      UUID id = searchable.add(tenant, golden.path("item_id").asText().equals(LUGGAGE) ? offline : golden);
      if (golden.path("item_id").asText().equals(LUGGAGE)) {
        luggage = id;
      }
    }
    SearchConfiguration config = new SearchConfiguration();
    search = new SearchService(new Bm25Search(db.jdbi(), config),
        new VectorSearch(db.jdbi(), new QueryEmbeddingCache(TestEmbedder.local(), 100),
            new VectorIndexes(db.jdbi(), config.getHnswThreshold()), config),
        new HybridSearch(config), db.jdbi().onDemand(ItemDao.class), config, new MetricRegistry());
  }

  @Test
  void aStrongMatchInALongOcrTextPassesTheFloor() {
    List<RankedItem> hits = search.rank(tenant, "where to find luggage lockers in Japan", SearchMode.BM25, null, null);
    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().itemId()).isEqualTo(luggage);
  }

  @Test
  void queriesAboutWhatTheCollectionDoesNotHoldStillFindNothing() {
    for (String query : List.of("things to do in Paris", "best beaches in Thailand", "Mexican food restaurants",
        "ski resorts Japan", "budget hotels Tokyo")) {
      assertThat(search.rank(tenant, query, SearchMode.BM25, null, null)).as(query).isEmpty();
    }
  }
}
