package app.collections.graphql;

import static app.collections.testing.GraphqlTester.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.testing.Fixtures;
import app.collections.testing.GraphqlTester;
import app.collections.testing.SearchableItems;
import app.collections.testing.TestDatabase;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Input that fits the schema but not the database is the client's error, found before any SQL. */
class BadInputTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();
  private static final Tenant alice = new Tenant("alice");
  private static GraphqlTester graphql;

  @BeforeAll
  static void collection() {
    new SearchableItems(db.jdbi()).add(alice, Fixtures.goldenAnalyses().getFirst());
    graphql = GraphqlTester.withSearch(db.jdbi(), new GraphqlLimits());
  }

  @Test
  void aNulInASearchQueryIsBadUserInput() {
    assertRefusedBeforeSql("query($q: String!) { search(query: $q) { totalCount } }", Map.of("q", "ramen\u0000shop"));
    // The same character written as an escape in the document itself.
    assertRefusedBeforeSql("{ search(query: \"ramen\\u0000shop\") { totalCount } }", Map.of());
  }

  @Test
  void aNulInFilterCategoryIsBadUserInput() {
    assertRefusedBeforeSql("query($c: String) { items(filter: { category: $c }) { totalCount } }",
        Map.of("c", "Food\u0000"));
    assertRefusedBeforeSql("query($c: String) { search(query: \"ramen\", filter: { category: $c }) { totalCount } }",
        Map.of("c", "Food\u0000"));
  }

  @Test
  void aDateTimeOffsetOfPlus18IsBadUserInput() {
    String message = assertRefusedBeforeSql(
        "query($t: DateTime) { items(filter: { createdAfter: $t }) { totalCount } }",
        Map.of("t", "2026-01-01T00:00:00+18:00"));
    assertThat(message).contains("+18:00");
    assertRefusedBeforeSql("{ search(query: \"ramen\", filter: { createdAfter: \"2026-01-01T00:00:00-18:00\" }) { totalCount } }",
        Map.of());
    // The furthest real offsets still answer.
    JsonNode ok = graphql.run(alice, "query($t: DateTime) { items(filter: { createdAfter: $t }) { totalCount } }",
        Map.of("t", "2026-01-01T00:00:00+14:00"));
    assertThat(ok.has("errors")).as(ok.toString()).isFalse();
  }

  @Test
  void aFailedStatementIsLoggedWithoutItsBoundValues() {
    String secret = "my secret diary words";
    GraphqlFeature failing = new GraphqlFeature() {
      @Override
      public void wire(graphql.schema.idl.RuntimeWiring.Builder wiring) {
        wiring.type("Query", t -> t.dataFetcher("categories", env -> db.jdbi().withHandle(h ->
            h.createQuery("SELECT CAST(:text AS integer)").bind("text", secret).mapTo(Integer.class).list())));
      }
    };
    GraphqlTester tester = new GraphqlTester(new GraphqlEngine(List.of(failing), new GraphqlLimits()));
    Logger logger = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      JsonNode result = tester.run(alice, "{ categories { name } }");
      assertThat(errorCode(result)).isEqualTo("INTERNAL");
      assertThat(result.toString()).doesNotContain(secret);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(logs.list).hasSize(1);
    String logged = render(logs.list.getFirst());
    assertThat(logged).contains("22P02", "SELECT CAST(:text AS integer)").doesNotContain(secret);

    // JDBI's own message, as any other log line would print it, names the statement only.
    StatementException failure = org.junit.jupiter.api.Assertions.assertThrows(StatementException.class,
        () -> db.jdbi().withHandle(h -> h.createQuery("SELECT CAST(:text AS integer)").bind("text", secret)
            .mapTo(Integer.class).list()));
    assertThat(failure.getMessage()).contains("22P02").doesNotContain(secret);
  }

  private static String assertRefusedBeforeSql(String query, Map<String, Object> variables) {
    long before = QueryBudgetTest.statements(db);
    JsonNode result = graphql.run(alice, query, variables);
    assertThat(errorCode(result)).as(result.toString()).isEqualTo("BAD_USER_INPUT");
    assertThat(QueryBudgetTest.statements(db)).isEqualTo(before);
    return result.path("errors").get(0).path("message").asText();
  }

  /** The event's message and every exception message and frame, as a log line would print them. */
  private static String render(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }
}
