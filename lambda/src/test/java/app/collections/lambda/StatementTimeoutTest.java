package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.collections.auth.Tenant;
import app.collections.db.Database;
import app.collections.db.Migrations;
import app.collections.db.StatementTimeout;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlFeature;
import app.collections.graphql.GraphqlLimits;
import app.collections.json.Json;
import app.collections.testing.GraphqlTester;
import app.collections.testing.TestDatabase;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's statement_timeout on the pool's connections, as lambda.yml configures them: a
 * statement on the request path that runs past it answers TIMEOUT; migrations and index builds
 * lift it for themselves and hand the connection back with the default.
 */
class StatementTimeoutTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.unmigrated();

  private ManagedDataSource pool;
  private Jdbi jdbi;

  @BeforeEach
  void pool() {
    pool("200ms");
  }

  private void pool(String timeout) {
    DataSourceFactory database = ProductionConfig.load(db, Map.of()).getDatabase();
    assertThat(database.getProperties()).containsEntry("options", "-c statement_timeout=10s");
    // The same pool with a shorter limit, so that the test need not wait 10 s; two connections
    // (Flyway holds two), so that what one user of them leaves behind, the next one sees.
    database.getProperties().put("options", "-c statement_timeout=" + timeout);
    database.setMinSize(1);
    database.setInitialSize(1);
    database.setMaxSize(2);
    pool = database.build(new MetricRegistry(), "statement-timeout-test");
    jdbi = Database.jdbi(pool, new MetricRegistry(), Json.MAPPER);
  }

  @AfterEach
  void close() throws Exception {
    pool.stop();
  }

  @Test
  void aStatementPastTheTimeoutOnTheRequestPathAnswersTimeout() {
    assertThat(timeout()).isEqualTo("200ms");
    GraphqlFeature slow = new GraphqlFeature() {
      @Override
      public void wire(graphql.schema.idl.RuntimeWiring.Builder wiring) {
        wiring.type("Query", t -> t.dataFetcher("categories", env -> jdbi.withHandle(h ->
            h.createQuery("SELECT pg_sleep(5)").mapTo(String.class).list())));
      }
    };
    JsonNode result = new GraphqlTester(new GraphqlEngine(List.of(slow), new GraphqlLimits()))
        .run(new Tenant("alice"), "{ categories { name } }");
    assertThat(GraphqlTester.errorCode(result)).isEqualTo("TIMEOUT");
  }

  @Test
  void theDriversExceptionsQuoteNoRow() {
    assertThat(ProductionConfig.load(db, Map.of()).getDatabase().getProperties())
        .containsEntry("logServerErrorDetail", "false");
    String secret = "my secret diary words";
    StatementException failure = assertThrows(StatementException.class, () -> jdbi.useHandle(h -> {
      h.execute("CREATE TEMP TABLE notes (text text PRIMARY KEY)");
      h.createUpdate("INSERT INTO notes VALUES (:t), (:t)").bind("t", secret).execute();
    }));
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as(t.getClass().getName()).doesNotContain(secret);
    }
    assertThat(failure.getCause().getMessage()).contains("duplicate key");
  }

  @Test
  void anIndexBuildLiftsTheTimeoutForItselfOnly() {
    assertThrows(StatementException.class, () -> jdbi.useHandle(h -> h.execute("SELECT pg_sleep(0.5)")));
    jdbi.useHandle(h -> StatementTimeout.lifted(h, () -> h.execute("SELECT pg_sleep(0.5)")));
    assertThat(timeout()).isEqualTo("200ms");
  }

  @Test
  void migrationsRunWithoutTheTimeoutAndHandTheConnectionBack() throws Exception {
    // 20 ms: less than creating the schema's extensions and indexes takes (without the lift, the
    // first CREATE EXTENSION is cancelled).
    pool.stop();
    pool("20ms");
    Migrations.migrate(pool);
    // Both connections of the pool at once: neither kept the migrations' lifted limit.
    try (var first = pool.getConnection(); var second = pool.getConnection()) {
      for (var connection : List.of(first, second)) {
        try (var statement = connection.createStatement();
            var rows = statement.executeQuery("SHOW statement_timeout")) {
          rows.next();
          assertThat(rows.getString(1)).isEqualTo("20ms");
        }
      }
    }
  }

  private String timeout() {
    return jdbi.withHandle(h -> h.createQuery("SHOW statement_timeout").mapTo(String.class).one());
  }
}
