package app.collections.graphql;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The issue's heavy queries and the cost limits: refused before execution, which the statement
 * counter proves (no SQL ran at all), not a clock.
 */
class QueryBudgetTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private static final Tenant alice = new Tenant("alice");
  private static GraphqlTester graphql;

  @BeforeAll
  static void collection() {
    SearchableItems searchable = new SearchableItems(db.jdbi());
    Fixtures.goldenAnalyses().subList(0, 3).forEach(g -> searchable.add(alice, g));
    graphql = GraphqlTester.withSearch(db.jdbi(), new GraphqlLimits());
  }

  /** Statements run through JDBI so far (its SqlLogger times each one, by DAO method). */
  static long statements(TestDatabase db) {
    return db.metrics().getTimers((name, metric) -> name.startsWith("sql.")).values().stream()
        .mapToLong(Timer::getCount).sum();
  }

  @Test
  void theNestedSimilarQueryOfTheIssueIsRefusedBeforeAnySql() {
    long before = statements(db);
    JsonNode result = graphql.run(alice, "{ a:items(first:100){ nodes { similar(first:50){ item { similar(first:50)"
        + " { item { similar(first:50) { score } } } } } } } }");

    assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
    JsonNode extensions = result.path("errors").get(0).path("extensions");
    assertThat(extensions.path("measure").asText()).isEqualTo("cost");
    assertThat(extensions.path("cost").asLong()).isGreaterThan(extensions.path("limit").asLong());
    assertThat(result.path("errors").get(0).path("message").asText())
        .contains(extensions.path("cost").asText(), extensions.path("limit").asText());
    assertThat(result.has("data")).isFalse();
    assertThat(statements(db)).isEqualTo(before);
  }

  @Test
  void aThousandAliasedSearchesAreRefusedBeforeAnySql() {
    String document = IntStream.range(0, 1000)
        .mapToObj(i -> "s" + i + ": search(query: \"ramen " + i + "\") { totalCount }")
        .collect(Collectors.joining(" ", "{ ", " }"));
    long before = statements(db);
    JsonNode result = graphql.run(alice, document);

    assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
    assertThat(result.path("errors").get(0).path("extensions").path("cost").asLong()).isGreaterThan(20_000);
    assertThat(statements(db)).isEqualTo(before);
  }

  @Test
  void similarCountsAsASearchPerItemItRunsFor() {
    JsonNode result = graphql.run(alice, "{ a: items(first: 60) { nodes { similar { score } } }"
        + " b: items(first: 41) { nodes { similar { score } } } }");
    assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
    JsonNode extensions = result.path("errors").get(0).path("extensions");
    assertThat(extensions.path("measure").asText()).isEqualTo("searches");
    assertThat(extensions.path("cost").asInt()).isEqualTo(101);
    assertThat(extensions.path("limit").asInt()).isEqualTo(100);

    JsonNode page = graphql.run(alice, "{ items(first: 100) { nodes { similar { score } } } }");
    assertThat(page.has("errors")).as(page.toString()).isFalse();
    assertThat(page.path("data").path("items").path("nodes")).hasSize(3);
  }

  @Test
  void modelCallsAreCappedPerRequest() {
    JsonNode result = graphql.run(alice, "{ a: search(query: \"ramen\", mode: AGENTIC, answer: true) { totalCount }"
        + " b: search(query: \"tokyo\", mode: AGENTIC) { totalCount } }");
    assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
    JsonNode extensions = result.path("errors").get(0).path("extensions");
    assertThat(extensions.path("measure").asText()).isEqualTo("modelCalls");
    assertThat(extensions.path("cost").asInt()).isEqualTo(15);
    assertThat(extensions.path("limit").asInt()).isEqualTo(8);
  }

  @Test
  void aListCostsItsPageSizeTimesItsChildren() {
    GraphqlLimits limits = new GraphqlLimits();
    limits.setMaxCost(1);
    GraphqlTester strict = GraphqlTester.over(db.jdbi().onDemand(ItemDao.class), db.jdbi().onDemand(AnalysisDao.class),
        limits);
    // items 1 + nodes (1 + page × (id + filename)); a larger first than the field serves counts as its largest page.
    assertThat(cost(strict, "{ items(first: 1) { nodes { id filename } } }")).isEqualTo(4);
    assertThat(cost(strict, "{ items(first: 100) { nodes { id filename } } }")).isEqualTo(202);
    assertThat(cost(strict, "{ items(last: 100) { edges { node { id } } pageInfo { hasNextPage } } }"))
        .isEqualTo(1 + 1 + 100 * 2 + 2);
    assertThat(cost(strict, "query($n: Int) { items(first: $n) { nodes { id } } }", Map.of("n", 30)))
        .isEqualTo(1 + 1 + 30);
  }

  @Test
  void theTypicalPagesFitTheDefaultBudget() {
    JsonNode result = graphql.run(alice, """
        { items(first: 50) { totalCount pageInfo { hasNextPage endCursor }
            nodes { id filename status createdAt
              analysis { category headline summary imageDetails { objects extractedText } }
              similar { score item { id filename } } } }
          search(query: "ramen", first: 50) { totalCount edges { node { score item { id filename } } } } }""");
    assertThat(result.has("errors")).as(result.toString()).isFalse();
  }

  @Test
  void aRequestPastItsWallClockLimitIsCancelledWithTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger laterFields = new AtomicInteger();
    GraphqlFeature slow = new GraphqlFeature() {
      @Override
      public void wire(graphql.schema.idl.RuntimeWiring.Builder wiring) {
        wiring.type("Query", t -> t
            .dataFetcher("categories", env -> {
              release.await(10, TimeUnit.SECONDS);
              return List.of();
            })
            .dataFetcher("chatSessions", env -> {
              laterFields.incrementAndGet();
              return null;
            }));
      }
    };
    GraphqlLimits limits = new GraphqlLimits();
    limits.setRequestTimeout(io.dropwizard.util.Duration.milliseconds(200));
    GraphqlEngine engine = new GraphqlEngine(List.of(slow), limits);

    Map<String, Object> response = engine.execute(alice,
        new GraphqlRequest("{ categories { name } chatSessions { edges { cursor } } }", null, Map.of()));
    release.countDown();

    @SuppressWarnings("unchecked")
    Map<String, Object> error = ((List<Map<String, Object>>) response.get("errors")).getFirst();
    assertThat(error.get("extensions")).isEqualTo(Map.of("code", "TIMEOUT", "limitMs", 200L));
    assertThat(response).containsEntry("data", null);
    Thread.sleep(200); // lets the cancelled execution reach its next field, which must not start
    assertThat(laterFields.get()).isZero();
  }

  private static int cost(GraphqlTester tester, String query) {
    return cost(tester, query, Map.of());
  }

  private static int cost(GraphqlTester tester, String query, Map<String, Object> variables) {
    JsonNode result = tester.run(alice, query, variables);
    assertThat(errorCode(result)).as(result.toString()).isEqualTo("QUERY_TOO_COSTLY");
    return result.path("errors").get(0).path("extensions").path("cost").asInt();
  }
}
