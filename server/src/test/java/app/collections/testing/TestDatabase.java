package app.collections.testing;

import app.collections.db.Database;
import app.collections.db.Migrations;
import app.collections.json.Json;
import com.codahale.metrics.MetricRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated PostgreSQL database for one test class, dropped afterwards, on the real server
 * that {@code ./dev test} set up (or the one {@code TEST_DATABASE_URL} names). No mocks, no
 * containers: the tests run the same SQL, extensions and plans as production.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
  private static final String ADMIN_URL = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = env("TEST_DATABASE_USER", "collections");
  private static final String PASSWORD = env("TEST_DATABASE_PASSWORD", "collections");

  private final boolean migrate;
  private String name;
  private String url;
  private PGSimpleDataSource dataSource;
  private Jdbi jdbi;
  private final MetricRegistry metrics = new MetricRegistry();

  public TestDatabase() {
    this(true);
  }

  private TestDatabase(boolean migrate) {
    this.migrate = migrate;
  }

  /** An empty database, for tests of the migrations themselves. */
  public static TestDatabase unmigrated() {
    return new TestDatabase(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    name = "collections_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + name);
    url = ADMIN_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(USER);
    dataSource.setPassword(PASSWORD);
    if (migrate) {
      Migrations.migrate(dataSource);
    }
    jdbi = Database.jdbi(dataSource, metrics, Json.MAPPER);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (name != null) {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public PGSimpleDataSource dataSource() {
    return dataSource;
  }

  public String url() {
    return url;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** Empties every tenant table, for tests that want a clean slate between methods. */
  public void truncate() {
    // TRUNCATE fires no delete triggers: the search statistics go with the rows they count.
    jdbi.useHandle(h -> h.execute("TRUNCATE items, term_stats, corpus_stats, vector_indexes CASCADE"));
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
