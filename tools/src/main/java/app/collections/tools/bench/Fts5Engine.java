package app.collections.tools.bench;

import app.collections.auth.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The prototype's BM25 engine, for the bench to run beside ours: SQLite FTS5 over one tenant's
 * documents, with the prototype's table ({@code items_fts(item_id UNINDEXED, content)}, tokenizer
 * {@code unicode61 remove_diacritics 2}, as in ../shared/prototype/data/collections.db) and its
 * query (each token quoted, the tokens OR-ed, {@code ORDER BY bm25(items_fts) LIMIT k}). It returns
 * item ids only: the prototype's own timing had no hydration either.
 */
public final class Fts5Engine implements AutoCloseable {
  /** Rows per insert transaction while loading: one fsync per batch, not per document. */
  private static final int LOAD_BATCH = 10_000;

  private final Path file;
  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement search;
  private int pending;

  private Fts5Engine(Path file) throws SQLException {
    this.file = file;
    this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE VIRTUAL TABLE items_fts USING fts5(item_id UNINDEXED, content,"
          + " tokenize='unicode61 remove_diacritics 2')");
    }
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement("INSERT INTO items_fts (item_id, content) VALUES (?, ?)");
    this.search = connection.prepareStatement(
        "SELECT item_id FROM items_fts WHERE items_fts MATCH ? ORDER BY bm25(items_fts) LIMIT ?");
  }

  /** An empty engine in a fresh temporary file (deleted on close). */
  public static Fts5Engine create() throws Exception {
    return new Fts5Engine(Files.createTempFile("bench-fts5-", ".db"));
  }

  /** The tenant's documents (their bodies, what our BM25 indexes too), streamed from PostgreSQL. */
  public static Fts5Engine of(Jdbi jdbi, Tenant tenant) throws Exception {
    Fts5Engine engine = create();
    jdbi.useHandle(h -> h.useTransaction(t -> t.createQuery(
            "SELECT item_id, body FROM documents WHERE user_id = :t")
        .bind("t", tenant.id()).setFetchSize(2_000)
        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(row -> engine.add(row[0], row[1]))));
    engine.commit();
    return engine;
  }

  public void add(String itemId, String content) {
    try {
      insert.setString(1, itemId);
      insert.setString(2, content);
      insert.executeUpdate();
      if (++pending >= LOAD_BATCH) {
        commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void commit() {
    try {
      connection.commit();
      pending = 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The prototype's query: best {@code k} item ids, best first; nothing for a query without tokens. */
  public List<String> search(String query, int k) {
    String match = matchExpression(query);
    List<String> ids = new ArrayList<>();
    if (match.isEmpty()) {
      return ids;
    }
    try {
      search.setString(1, match);
      search.setInt(2, k);
      try (ResultSet rs = search.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(match, e);
    }
  }

  /** Each whitespace-separated token quoted (its own quotes dropped), OR-ed: FTS5 operators stay words. */
  public static String matchExpression(String query) {
    List<String> tokens = new ArrayList<>();
    for (String token : query.trim().split("\\s+")) {
      String bare = token.replace("\"", "");
      if (!bare.isEmpty()) {
        tokens.add('"' + bare + '"');
      }
    }
    return String.join(" OR ", tokens);
  }

  @Override
  public void close() throws Exception {
    try {
      connection.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
