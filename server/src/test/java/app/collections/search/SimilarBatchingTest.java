package app.collections.search;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.graphql.GraphqlLimits;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Item.similar through its data loader: statements per level of the document, not per item. */
class SimilarBatchingTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private static final Tenant alice = new Tenant("alice");
  private static GraphqlTester graphql;

  private static final String TWO_LEVELS = """
      query($n: Int) { items(first: $n) { nodes { id
        similar(first: 3) { score item { id similar(first: 2) { score item { filename } } } } } } }""";

  @BeforeAll
  static void collection() {
    SearchableItems searchable = new SearchableItems(db.jdbi());
    Fixtures.goldenAnalyses().subList(0, 6).forEach(g -> searchable.add(alice, g));
    graphql = GraphqlTester.withSearch(db.jdbi(), new GraphqlLimits());
  }

  @Test
  void aPageOfItemsCostsTheSameStatementsAsOneItem() {
    Map<String, Long> one = statementsOf(1);
    Map<String, Long> six = statementsOf(6);

    assertThat(six).isEqualTo(one);
    // Per level of similar: one nearest-neighbour statement and one read of the hits' rows.
    assertThat(six).containsEntry("sql.SearchDao.similarExact", 2L);
    assertThat(six).doesNotContainKey("sql.EmbeddingDao.find");
  }

  @Test
  void theBatchAnswersWhatEachItemWouldGetAlone() {
    JsonNode page = graphql.run(alice, TWO_LEVELS, Map.of("n", 6)).path("data").path("items").path("nodes");
    assertThat(page).hasSize(6);
    for (JsonNode node : page) {
      JsonNode alone = graphql.run(alice, "query($id: ID!) { item(id: $id) { similar(first: 3) { score item { id } } } }",
          Map.of("id", node.path("id").asText())).path("data").path("item").path("similar");
      assertThat(alone).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(node.path("similar").get(i).path("item").path("id")).isEqualTo(alone.get(i).path("item").path("id"));
        assertThat(node.path("similar").get(i).path("item").path("id")).isNotEqualTo(node.path("id"));
      }
    }
  }

  /** The statements (by DAO method) one run of the two-level document makes for a page of n items. */
  private static Map<String, Long> statementsOf(int n) {
    Map<String, Long> before = counts();
    JsonNode result = graphql.run(alice, TWO_LEVELS, Map.of("n", n));
    assertThat(result.has("errors")).as(result.toString()).isFalse();
    assertThat(result.path("data").path("items").path("nodes")).hasSize(n);
    Map<String, Long> delta = new TreeMap<>();
    counts().forEach((name, count) -> {
      long ran = count - before.getOrDefault(name, 0L);
      if (ran > 0) {
        delta.put(name, ran);
      }
    });
    return delta;
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    db.metrics().getTimers((name, metric) -> name.startsWith("sql.")).forEach((name, timer) -> counts.put(name, timer.getCount()));
    return counts;
  }
}
