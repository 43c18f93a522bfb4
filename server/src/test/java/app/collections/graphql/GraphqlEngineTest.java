package app.collections.graphql;

import app.collections.paging.GlobalId;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.analyses.AnalysisDao;
import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphqlEngineTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private final Tenant alice = new Tenant("alice");

  @Test
  void theViewerIsTheTenant() {
    JsonNode result = GraphqlTester.over(db.jdbi()).run(alice, "{ viewer { id } }");
    assertThat(result.path("data").path("viewer").path("id").asText()).isEqualTo("alice");
  }

  @Test
  void syntaxErrorsAreParseFailures() {
    JsonNode result = GraphqlTester.over(db.jdbi()).run(alice, "{ items(first: ");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_PARSE_FAILED");
    assertThat(result.path("errors").get(0).path("extensions").has("classification")).isFalse();
  }

  @Test
  void unknownFieldsAreValidationFailures() {
    JsonNode result = GraphqlTester.over(db.jdbi()).run(alice, "{ viewer { password } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(result.has("data")).isFalse();
  }

  @Test
  void badVariablesAreBadUserInput() {
    JsonNode result = GraphqlTester.over(db.jdbi()).run(alice,
        "query($first: Int) { items(first: $first) { totalCount } }", Map.of("first", "ten"));
    assertThat(errorCode(result)).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void malformedGlobalIdsAreBadUserInput() {
    GraphqlTester graphql = GraphqlTester.over(db.jdbi());
    for (String id : new String[] {"", "%%%", "SXRlbQ", "SXRlbTpub3QtYS11dWlk", "x".repeat(500)}) {
      assertThat(errorCode(graphql.run(alice, "query($id: ID!) { node(id: $id) { id } }", Map.of("id", id))))
          .as("id %s", id).isEqualTo("BAD_USER_INPUT");
    }
  }

  @Test
  void queriesDeeperThanTheLimitAreRejectedBeforeTheyRun() {
    GraphqlLimits limits = new GraphqlLimits();
    limits.setMaxDepth(3);
    GraphqlTester graphql = GraphqlTester.over(db.jdbi().onDemand(ItemDao.class),
        db.jdbi().onDemand(AnalysisDao.class), limits);
    JsonNode result = graphql.run(alice, "{ items { edges { node { analysis { imageDetails { objects } } } } } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(result.path("errors").get(0).path("message").asText()).containsIgnoringCase("depth");
  }

  @Test
  void tooCostlyQueriesAreRejectedWithTheirCostAndTheLimit() {
    GraphqlLimits limits = new GraphqlLimits();
    limits.setMaxCost(10);
    GraphqlTester graphql = GraphqlTester.over(db.jdbi().onDemand(ItemDao.class),
        db.jdbi().onDemand(AnalysisDao.class), limits);
    JsonNode result = graphql.run(alice,
        "{ items { totalCount nodes { id filename status width height byteSize createdAt updatedAt contentType } } }");
    assertThat(errorCode(result)).isEqualTo("QUERY_TOO_COSTLY");
    JsonNode extensions = result.path("errors").get(0).path("extensions");
    // items 1 + totalCount 1 + nodes (1 + 20 default page × 9 fields).
    assertThat(extensions.path("cost").asInt()).isEqualTo(183);
    assertThat(extensions.path("limit").asInt()).isEqualTo(10);
    assertThat(extensions.path("measure").asText()).isEqualTo("cost");
  }

  @Test
  void unexpectedFailuresAreInternalAndLeakNothing() {
    ItemDao broken = (ItemDao) Proxy.newProxyInstance(ItemDao.class.getClassLoader(), new Class<?>[] {ItemDao.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("ERROR: relation \"items\" SELECT user_id FROM items WHERE secret");
        });
    GraphqlTester graphql = GraphqlTester.over(broken, db.jdbi().onDemand(AnalysisDao.class), new GraphqlLimits());

    JsonNode result = graphql.run(alice, "query($id: ID!) { viewer { id } item(id: $id) { id } }",
        Map.of("id", GlobalId.encode("Item", java.util.UUID.randomUUID())));

    assertThat(errorCode(result)).isEqualTo("INTERNAL");
    JsonNode error = result.path("errors").get(0);
    assertThat(error.path("message").asText()).isEqualTo("Internal error");
    assertThat(error.path("extensions").path("errorId").asText()).isNotBlank();
    assertThat(result.toString()).doesNotContain("SELECT", "secret", "IllegalStateException", "at app.");
    // Partial failure: item is nullable, so the rest of the query still answers.
    assertThat(result.path("data").path("item").isNull()).isTrue();
    assertThat(result.path("data").path("viewer").path("id").asText()).isEqualTo("alice");
  }
}
