package app.collections.search;

import app.collections.items.ItemFilter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.testing.Fixtures;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The postings index and its statistics, and BM25 as scored in SQL against the formula. */
class Bm25IndexTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");
  private final Tenant bob = new Tenant("bob");
  private SearchableItems searchable;

  @BeforeEach
  void setUp() {
    db.truncate();
    searchable = new SearchableItems(db.jdbi());
  }

  @Test
  void statisticsStayExactThroughInsertsUpdatesAndDeletes() {
    List<JsonNode> golden = Fixtures.goldenAnalyses();
    List<UUID> ids = new ArrayList<>();
    for (JsonNode g : golden.subList(0, 8)) {
      ids.add(searchable.add(alice, g));
    }
    golden.subList(8, 11).forEach(g -> searchable.add(bob, g));
    searchable.reanalyse(alice, ids.get(0), golden.get(20));
    searchable.reanalyse(alice, ids.get(1), golden.get(21));
    db.jdbi().onDemand(ItemDao.class).delete(alice, ids.get(2));
    db.jdbi().onDemand(ItemDao.class).delete(bob, UUID.randomUUID());

    for (Tenant tenant : List.of(alice, bob)) {
      assertThat(maintainedDf(tenant)).as(tenant.id()).isEqualTo(recomputedDf(tenant));
      Map<String, Object> corpus = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT documents, total_length FROM corpus_stats WHERE user_id = :t").bind("t", tenant.id()).mapToMap().one());
      Map<String, Object> actual = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) AS documents, sum(length) AS total_length FROM documents WHERE user_id = :t")
          .bind("t", tenant.id()).mapToMap().one());
      assertThat(((Number) corpus.get("documents")).longValue()).isEqualTo(((Number) actual.get("documents")).longValue());
      assertThat(((Number) corpus.get("total_length")).doubleValue())
          .isCloseTo(((Number) actual.get("total_length")).doubleValue(), within(0.01));
    }
    assertThat(recomputedDf(alice)).isNotEmpty();
  }

  @Test
  void scoresAreOkapiBm25WithThisTenantsStatistics() {
    Fixtures.goldenAnalyses().subList(0, 12).forEach(g -> searchable.add(alice, g));
    // Bob's documents must not move Alice's IDF or average length.
    Fixtures.goldenAnalyses().subList(12, 30).forEach(g -> searchable.add(bob, g));
    double k1 = 1.2;
    double b = 0.75;

    List<ScoredItem> hits = db.jdbi().onDemand(SearchDao.class).bm25(alice, "Japan travel", k1, b, ItemFilter.NONE, 100);
    assertThat(hits).isNotEmpty();
    double n = scalar("SELECT count(*) FROM documents WHERE user_id = 'alice'");
    double avg = scalar("SELECT avg(length) FROM documents WHERE user_id = 'alice'");
    double queryIdf = 0;
    for (String term : List.of("japan", "travel")) {
      double df = scalar("SELECT count(*) FROM postings WHERE user_id = 'alice' AND lexeme = '" + term + "'");
      queryIdf += Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
    for (ScoredItem hit : hits) {
      double expected = 0;
      double matchedIdf = 0;
      for (String term : List.of("japan", "travel")) {
        double df = scalar("SELECT count(*) FROM postings WHERE user_id = 'alice' AND lexeme = '" + term + "'");
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        List<Map<String, Object>> posting = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT tf, length FROM postings WHERE user_id = 'alice' AND lexeme = :l AND item_id = :i")
            .bind("l", term).bind("i", hit.itemId()).mapToMap().list());
        if (!posting.isEmpty()) {
          double tf = ((Number) posting.get(0).get("tf")).doubleValue();
          double len = ((Number) posting.get(0).get("length")).doubleValue();
          expected += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg));
          matchedIdf += idf;
        }
      }
      assertThat(hit.score()).isCloseTo(expected, within(1e-4));
      // Relevance: the share of the query's IDF the hit matches.
      assertThat(hit.relevance()).isCloseTo(matchedIdf / queryIdf, within(1e-6));
    }
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
    }
  }

  @Test
  void theTopKPathRanksAsTheExactOneWhereTermsAreWithinItsDepth() {
    Fixtures.goldenAnalyses().subList(0, 30).forEach(g -> searchable.add(alice, g));
    SearchDao dao = db.jdbi().onDemand(SearchDao.class);
    for (String query : List.of("Japan travel", "ramen Fukuoka", "art museum Tokyo", "food")) {
      List<ScoredItem> exact = dao.bm25(alice, query, 1.2, 0.75, ItemFilter.NONE, 50);
      assertThat(dao.bm25Top(alice, query, 1.2, 0.75, 1000, 50)).as(query).isEqualTo(exact);
      // Shallower than a term's postings: still every hit among the candidates scores exactly.
      List<ScoredItem> shallow = dao.bm25Top(alice, query, 1.2, 0.75, 3, 50);
      assertThat(shallow).isNotEmpty().allSatisfy(hit -> assertThat(exact).anySatisfy(e -> {
        assertThat(e.itemId()).isEqualTo(hit.itemId());
        assertThat(e.score()).isGreaterThanOrEqualTo(hit.score() - 1e-9);
      }));
    }
  }

  @Test
  void headlinesWeighMoreThanTheTextInTheImage() {
    UUID id = searchable.add(alice, Fixtures.goldenAnalyses().get(0));
    SearchDocument document = new DocumentBuilder().build(Fixtures.goldenAnalyses().get(0));
    double headlineWeight = DocumentBuilder.WEIGHTS.get("headline");
    // "teamlab" appears in the headline, the locations and the extracted text: its tf sums the weights.
    double tf = scalar("SELECT tf FROM postings WHERE user_id = 'alice' AND lexeme = 'teamlab' AND item_id = '" + id + "'");
    assertThat(tf).isGreaterThan(headlineWeight);
    assertThat(document.fields()).extracting(SearchDocument.Field::name).contains("headline", "extracted_text", "locations");
  }

  private Map<String, Integer> maintainedDf(Tenant tenant) {
    return df("SELECT lexeme, df AS n FROM term_stats WHERE user_id = :t AND df > 0", tenant);
  }

  private Map<String, Integer> recomputedDf(Tenant tenant) {
    return df("SELECT lexeme, count(*) AS n FROM postings WHERE user_id = :t GROUP BY lexeme", tenant);
  }

  private Map<String, Integer> df(String sql, Tenant tenant) {
    Map<String, Integer> df = new java.util.TreeMap<>();
    db.jdbi().useHandle(h -> h.createQuery(sql).bind("t", tenant.id()).mapToMap()
        .forEach(row -> df.put((String) row.get("lexeme"), ((Number) row.get("n")).intValue())));
    return df;
  }

  private double scalar(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Double.class).one());
  }
}
