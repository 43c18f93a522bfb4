package app.collections.graphql;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tools' own introspection queries, exactly as they send them (test resources under
 * introspection/): GraphiQL 2.4.7's (the playground's; 13 levels deep), graphql-js 16.15.0's
 * {@code getIntrospectionQuery()} (15 levels) and the same with every option, as
 * graphql-inspector and graphql-tools' URL loader send it.
 */
class IntrospectionTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private static final Tenant alice = new Tenant("alice");
  private static GraphqlTester graphql;

  @BeforeAll
  static void engine() {
    graphql = GraphqlTester.over(db.jdbi());
  }

  @ParameterizedTest
  @ValueSource(strings = {"graphiql-2.4.7.graphql", "graphql-js-16.15.0.graphql",
      "graphql-js-16.15.0-all-options.graphql"})
  void theToolsIntrospectionQueriesAnswer(String resource) {
    JsonNode result = graphql.run(alice, read("/introspection/" + resource));

    assertThat(result.has("errors")).as(result.path("errors").toString()).isFalse();
    JsonNode schema = result.path("data").path("__schema");
    assertThat(schema.path("queryType").path("name").asText()).isEqualTo("Query");
    assertThat(schema.path("types").findValuesAsText("name")).contains("Item", "SearchConnection", "DateTime");
  }

  @Test
  void theServedScalarDescriptionsAreTheContracts() {
    TypeDefinitionRegistry contract = new SchemaParser().parse(GraphqlEngine.schemaText());
    for (String scalar : new String[] {"DateTime", "JSON", "Long"}) {
      JsonNode type = graphql.run(alice, "query($n: String!) { __type(name: $n) { description } }",
          Map.of("n", scalar)).path("data").path("__type");
      assertThat(type.path("description").asText()).as(scalar)
          .isEqualTo(contract.scalars().get(scalar).getDescription().getContent());
    }
  }

  @Test
  void twoSchemaFieldsAreAValidationFailure() {
    JsonNode result = graphql.run(alice, "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
  }

  @Test
  void typeNestedPastTheGoodFaithLimitIsAValidationFailure() {
    String nested = "fields { type { ".repeat(12) + "name" + " } }".repeat(12);
    JsonNode result = graphql.run(alice, "{ __type(name: \"Query\") { " + nested + " } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(result.toString()).doesNotContain("INTERNAL");
  }

  @Test
  void anOfTypeChainPastTheGoodFaithDepthIsAValidationFailure() {
    // Depth does not count introspection; graphql-java's good-faith check bounds it instead.
    String chain = "ofType { ".repeat(40) + "name" + " }".repeat(40);
    JsonNode result = graphql.run(alice, "{ __schema { types { " + chain + " } } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
  }

  @Test
  void introspectionDoesNotExemptTheDataFieldsBesideIt() {
    GraphqlLimits limits = new GraphqlLimits();
    limits.setMaxDepth(3);
    GraphqlTester shallow = GraphqlTester.over(db.jdbi().onDemand(app.collections.items.ItemDao.class),
        db.jdbi().onDemand(app.collections.analyses.AnalysisDao.class), limits);
    JsonNode result = shallow.run(alice,
        "{ __schema { queryType { name } } items { edges { node { analysis { headline } } } } }");
    assertThat(errorCode(result)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(result.path("errors").get(0).path("message").asText()).contains("depth");
    assertThat(result.path("errors").get(0).path("extensions").path("depth").asInt()).isEqualTo(5);
  }

  private static String read(String resource) {
    try (InputStream in = IntrospectionTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
