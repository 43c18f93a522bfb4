package app.collections.search;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.analyses.AnalysisService;
import app.collections.analyses.AnalysisDataFetchers;
import app.collections.auth.Tenant;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.embeddings.VectorIndexes;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;
import app.collections.items.ItemDao;
import app.collections.items.ItemDataFetchers;
import app.collections.items.ItemService;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import app.collections.testing.TestEmbedder;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code search}, {@code Item.similar} and {@code Viewer.embeddingModel} over a real collection. */
class SearchDataFetchersTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final String SEARCH = """
      query($q: String!, $mode: SearchMode, $first: Int, $after: String, $filter: SearchFilter,
            $orderBy: SearchOrder, $minScore: Float) {
        search(query: $q, mode: $mode, first: $first, after: $after, filter: $filter, orderBy: $orderBy,
               minScore: $minScore) {
          totalCount mode tookMs
          categories { name count }
          pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { rank score bm25Score vectorScore item { id filename createdAt analysis { category } } } }
        }
      }""";

  static final Tenant alice = new Tenant("alice");
  static final Tenant bob = new Tenant("bob");
  static final Set<String> bobsFiles = new HashSet<>();
  static GraphqlTester graphql;

  @BeforeAll
  static void collections() {
    SearchableItems searchable = new SearchableItems(db.jdbi());
    List<JsonNode> golden = Fixtures.goldenAnalyses();
    golden.forEach(g -> searchable.add(alice, g));
    // Bob holds three of the same posts: same words, same vectors, other tenant.
    for (JsonNode g : golden.subList(0, 3)) {
      searchable.add(bob, g);
      bobsFiles.add(g.path("item_id").asText() + ".jpg");
    }
    SearchConfiguration config = new SearchConfiguration();
    VectorIndexes indexes = new VectorIndexes(db.jdbi(), config.getHnswThreshold());
    SearchService search = new SearchService(new Bm25Search(db.jdbi(), config),
        new VectorSearch(db.jdbi(), new QueryEmbeddingCache(TestEmbedder.local(), 100), indexes, config),
        new HybridSearch(config), db.jdbi().onDemand(ItemDao.class), config, new MetricRegistry());
    GraphqlLimits limits = new GraphqlLimits();
    graphql = new GraphqlTester(new GraphqlEngine(List.of(
        new ItemDataFetchers(new ItemService(db.jdbi().onDemand(ItemDao.class), key -> {}), limits.getMaxPageSize()),
        new AnalysisDataFetchers(new AnalysisService(db.jdbi().onDemand(AnalysisDao.class))),
        new SearchDataFetchers(new SearchRequests(search, null, null), limits.getMaxRankedPageSize())), limits));
  }

  @Test
  void everyModeRanksTheRamenShopFirst() {
    for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
      JsonNode search = search(alice, Map.of("q", "Ichiran ramen headquarters", "mode", mode));
      JsonNode first = search.path("edges").path(0).path("node");
      assertThat(first.path("item").path("filename").asText()).as(mode).startsWith("d5ebd2cd");
      assertThat(first.path("rank").asInt()).isEqualTo(1);
      assertThat(search.path("mode").asText()).isEqualTo(mode);
      assertThat(search.path("tookMs").asDouble()).isPositive();
      assertThat(first.path("bm25Score").isNull()).as(mode).isEqualTo(mode.equals("VECTOR"));
      assertThat(first.path("vectorScore").isNull()).as(mode).isEqualTo(mode.equals("BM25"));
    }
  }

  @Test
  void somethingTheCollectionDoesNotHoldFindsNothingUnlessTheFloorIsLowered() {
    for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
      JsonNode search = search(alice, Map.of("q", "things to do in Paris", "mode", mode));
      assertThat(search.path("edges")).as(mode).isEmpty();
      assertThat(search.path("totalCount").asInt()).isZero();
      JsonNode anything = search(alice, Map.of("q", "things to do in Paris", "mode", mode, "minScore", 0.0));
      assertThat(anything.path("edges")).as(mode).isNotEmpty();
    }
  }

  @Test
  void minScoreIsABoundOnTheScoreEachModeReturns() {
    for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
      JsonNode all = search(alice, Map.of("q", "Ichiran ramen headquarters", "mode", mode, "first", 50,
          "minScore", -1.0));
      List<Double> scores = all.path("edges").findValuesAsText("score").stream().map(Double::valueOf).toList();
      assertThat(scores).as(mode).hasSizeGreaterThan(2);
      // A bound between the second score and the next lower one keeps exactly the hits above it,
      // whatever the scale (BM25 ~10, cosine ~0.9, fused ~0.03; fused scores may tie).
      int kept = 2;
      while (scores.get(kept).equals(scores.get(kept - 1))) {
        kept++;
      }
      double between = (scores.get(kept - 1) + scores.get(kept)) / 2;
      JsonNode bounded = search(alice, Map.of("q", "Ichiran ramen headquarters", "mode", mode, "minScore", between));
      assertThat(bounded.path("totalCount").asInt()).as(mode).isEqualTo(kept);
      assertThat(bounded.path("edges").findValuesAsText("score").stream().map(Double::valueOf))
          .as(mode).allMatch(score -> score >= between);
      JsonNode above = search(alice, Map.of("q", "Ichiran ramen headquarters", "mode", mode,
          "minScore", scores.get(0) + 1e-9));
      assertThat(above.path("edges")).as(mode).isEmpty();
    }
  }

  @Test
  void noModeEverReturnsAnotherUsersItem() {
    for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
      JsonNode search = search(bob, Map.of("q", "Japan travel food art", "mode", mode, "first", 50, "minScore", -1.0));
      List<String> files = search.path("edges").findValuesAsText("filename");
      assertThat(files).as(mode).isNotEmpty().allMatch(bobsFiles::contains);
      assertThat(search.path("totalCount").asInt()).as(mode).isLessThanOrEqualTo(3);
    }
    JsonNode item = graphql.run(bob, "{ items(first: 1) { edges { node { id } } } }")
        .path("data").path("items").path("edges").path(0).path("node");
    JsonNode similar = graphql.run(bob, "query($id: ID!) { item(id: $id) { similar(first: 50) { item { filename } } } }",
        Map.of("id", item.path("id").asText())).path("data").path("item").path("similar");
    assertThat(similar.findValuesAsText("filename")).hasSize(2).allMatch(bobsFiles::contains);
  }

  @Test
  void pagesFollowEachOtherWithoutOverlap() {
    Map<String, Object> vars = new HashMap<>(Map.of("q", "Japan", "mode", "HYBRID", "first", 3));
    JsonNode page1 = search(alice, vars);
    assertThat(page1.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
    vars.put("after", page1.path("pageInfo").path("endCursor").asText());
    JsonNode page2 = search(alice, vars);
    assertThat(page2.path("edges").findValuesAsText("rank")).containsExactly("4", "5", "6");
    assertThat(page2.path("pageInfo").path("hasPreviousPage").asBoolean()).isTrue();
    List<String> ids = new ArrayList<>(page1.path("edges").findValuesAsText("id"));
    ids.addAll(page2.path("edges").findValuesAsText("id"));
    assertThat(new HashSet<>(ids)).hasSize(6);
  }

  @Test
  void aCategoryFilterAndItsFacetAgree() {
    JsonNode all = search(alice, Map.of("q", "Japan", "mode", "BM25", "first", 50));
    JsonNode facet = all.path("categories");
    assertThat(facet).isNotEmpty();
    String category = facet.path(0).path("name").asText();
    int count = facet.path(0).path("count").asInt();

    JsonNode filtered = search(alice, Map.of("q", "Japan", "mode", "BM25", "first", 50,
        "filter", Map.of("category", category)));
    assertThat(filtered.path("totalCount").asInt()).isEqualTo(count);
    assertThat(filtered.path("edges").findValuesAsText("category")).isNotEmpty().allMatch(category::equals);
    assertThat(filtered.path("categories").findValuesAsText("name")).containsExactly(category);
  }

  @Test
  void newestFirstOrdersTheRelevantHitsByDate() {
    JsonNode search = search(alice, Map.of("q", "Japan", "mode", "BM25", "first", 20, "orderBy", "NEWEST"));
    List<String> dates = search.path("edges").findValuesAsText("createdAt");
    assertThat(dates).hasSizeGreaterThan(2);
    List<String> sorted = new ArrayList<>(dates);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertThat(dates).isEqualTo(sorted);
  }

  @Test
  void similarItemsExcludeTheItemItselfAndComeNearestFirst() {
    JsonNode ramen = search(alice, Map.of("q", "Ichiran ramen headquarters", "mode", "BM25")).path("edges").path(0)
        .path("node").path("item");
    JsonNode similar = graphql.run(alice, "query($id: ID!) { item(id: $id) { similar(first: 4) { rank score item { id } } } }",
        Map.of("id", ramen.path("id").asText())).path("data").path("item").path("similar");
    assertThat(similar).hasSize(4);
    assertThat(similar.findValuesAsText("id")).doesNotContain(ramen.path("id").asText());
    assertThat(similar.findValuesAsText("rank")).containsExactly("1", "2", "3", "4");
    assertThat(similar.path(0).path("score").asDouble()).isGreaterThanOrEqualTo(similar.path(3).path("score").asDouble());
  }

  @Test
  void oddQueriesNeverError() {
    for (String q : List.of("\"ramen\" AND (Fukuoka) | !", "🍜🍜", "ラーメン 福岡", "the of and to", "a:b*c&d", "'; DROP TABLE items; --")) {
      for (String mode : List.of("BM25", "VECTOR", "HYBRID")) {
        JsonNode response = graphql.run(alice, SEARCH, Map.of("q", q, "mode", mode));
        assertThat(response.has("errors")).as(mode + " " + q).isFalse();
      }
    }
  }

  @Test
  void badArgumentsAreRefusedWithACode() {
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "  ")))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "x".repeat(501))))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "ramen", "first", 0)))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "ramen", "first", 51)))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "ramen", "after", "bm90LWEtY3Vyc29y")))).isEqualTo("BAD_USER_INPUT");
    assertThat(errorCode(graphql.run(alice, SEARCH, Map.of("q", "ramen", "mode", "AGENTIC"))))
        .isEqualTo("PROVIDER_NOT_CONFIGURED");
  }

  @Test
  void aSearchThatCannotRunFailsAloneAndTheRestOfTheRequestAnswers() {
    JsonNode response = graphql.run(alice, "{ viewer { embeddingModel } search(query: \"  \") { totalCount } }");
    assertThat(errorCode(response)).isEqualTo("BAD_USER_INPUT");
    assertThat(response.path("errors").path(0).path("path").path(0).asText()).isEqualTo("search");
    assertThat(response.path("data").path("search").isNull()).isTrue();
    assertThat(response.path("data").path("viewer").path("embeddingModel").asText()).isNotBlank();
  }

  @Test
  void theViewerSeesTheEmbeddingModel() {
    assertThat(graphql.run(alice, "{ viewer { embeddingModel } }").path("data").path("viewer").path("embeddingModel")
        .asText()).isEqualTo("e5-small-v2");
  }

  private static JsonNode search(Tenant tenant, Map<String, Object> variables) {
    JsonNode response = graphql.run(tenant, SEARCH, variables);
    assertThat(response.has("errors")).as(response.toString()).isFalse();
    return response.path("data").path("search");
  }
}
