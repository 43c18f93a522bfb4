package app.collections.tools.bench;

import app.collections.auth.Tenant;
import app.collections.search.SearchDocument;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads synthetic analysed items the way the pipeline indexes them (same tokenisation, postings,
 * BM25 weights, statistics triggers), fast: rows go in by {@code COPY} (PgJDBC's CopyManager), each
 * chunk is tokenised once in one set-based statement, and a fresh load builds the postings' indexes
 * and foreign key after the rows are in rather than maintaining 14.7M index entries one by one.
 * The statistics stay with the statement-level triggers, which see each chunk as one statement:
 * exact by construction, and {@link #statisticsDrift} recounts them to prove it.
 */
public final class BulkLoader {
  /**
   * Items per chunk: one COPY per table and one tokenising statement per chunk. Bounds the Java-side
   * buffers (~10 MB of text and vectors) and the transition table each trigger run aggregates.
   */
  public static final int CHUNK = 5_000;

  private static final ClasspathSqlLocator SQL = ClasspathSqlLocator.create();

  private final String model;
  private final int dimension;
  /** Nanoseconds spent per step over all chunks, for {@link #breakdown}: where a load's time goes. */
  private final long[] spent = new long[STEPS.length];
  private static final String[] STEPS = {"COPY", "tokenise", "documents", "postings+statistics"};

  public BulkLoader(String model, int dimension) {
    this.model = model;
    this.dimension = dimension;
  }

  /**
   * Loads one tenant's chunk (at most {@link #CHUNK} items) into the handle's current transaction,
   * or in a transaction of its own when there is none.
   */
  public void load(Handle h, Tenant tenant, List<BenchItem> items) {
    h.useTransaction(t -> {
      long t0 = System.nanoTime();
      t.createScript(sql("stageTables")).execute();
      CopyManager copy = copyManager(t);
      StringBuilder rows = new StringBuilder();
      StringBuilder fields = new StringBuilder();
      StringBuilder bodies = new StringBuilder();
      VectorCopy vectors = new VectorCopy(items.size() * 2, dimension);
      Instant now = Instant.now();
      for (BenchItem item : items) {
        String id = item.id().toString();
        String created = now.minusMillis((long) (item.ageSeconds() * 1000)).toString();
        row(rows, id, tenant.id(), id + ".jpg", id + ".jpg", "image/jpeg", "150000", "589", "1280", "READY",
            item.category(), created, now.toString());
        SearchDocument document = item.document();
        for (SearchDocument.Field field : document.fields()) {
          row(fields, id, field.text(), Double.toString(field.weight()));
        }
        row(bodies, id, document.body(), document.gist());
        for (int part = 0; part < item.vectors().length; part++) {
          vectors.add(tenant.id(), item.id(), model, part, item.vectors()[part]);
        }
      }
      copyIn(copy, "COPY items (id, user_id, filename, original_filename, content_type, byte_size, width, height,"
          + " status, category, created_at, updated_at) FROM STDIN", rows);
      copyIn(copy, "COPY bench_fields (item_id, text, weight) FROM STDIN", fields);
      copyIn(copy, "COPY bench_bodies (item_id, body, gist) FROM STDIN", bodies);
      vectors.copy(copy);
      long t1 = System.nanoTime();
      t.execute(sql("tokenise"));
      long t2 = System.nanoTime();
      t.createUpdate(sql("insertDocuments")).bind("tenant", tenant.id()).execute();
      long t3 = System.nanoTime();
      t.createUpdate(sql("insertPostings")).bind("tenant", tenant.id()).execute();
      t.execute(sql("clearStage"));
      long t4 = System.nanoTime();
      spent[0] += t1 - t0;
      spent[1] += t2 - t1;
      spent[2] += t3 - t2;
      spent[3] += t4 - t3;
    });
  }

  /** Seconds per step so far, e.g. "COPY 80 s, tokenise 300 s, ...". */
  public String breakdown() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < STEPS.length; i++) {
      out.append(i == 0 ? "" : ", ").append(STEPS[i]).append(' ')
          .append(String.format(java.util.Locale.ROOT, "%.0f s", spent[i] / 1e9));
    }
    return out.toString();
  }

  /**
   * Runs {@code load} with the postings table bare: its indexes and foreign keys are dropped first
   * and created again from their own definitions (read from the catalog, so a migration that
   * changes them is followed) once the rows are in. Call it inside a transaction: a load that dies
   * half-way then rolls back whole and never leaves the table without its indexes.
   */
  public static void withoutPostingsIndexes(Handle h, Runnable load, java.io.PrintStream out) {
    if (!h.isInTransaction()) {
      throw new IllegalStateException("a bare postings table must not outlive its transaction");
    }
    List<Map<String, Object>> foreignKeys = h.createQuery("""
        SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = 'postings'::regclass AND contype = 'f' ORDER BY conname""").mapToMap().list();
    List<Map<String, Object>> indexes = h.createQuery("""
        SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'postings' ORDER BY indexname""").mapToMap().list();
    for (Map<String, Object> fk : foreignKeys) {
      h.execute("ALTER TABLE postings DROP CONSTRAINT " + fk.get("name"));
    }
    for (Map<String, Object> index : indexes) {
      h.execute("DROP INDEX " + index.get("name"));
    }
    load.run();
    long started = System.nanoTime();
    // The sort of 14.7M postings fits in memory; it is this transaction's alone (SET LOCAL).
    h.execute("SET LOCAL maintenance_work_mem = '1GB'");
    for (Map<String, Object> index : indexes) {
      h.execute((String) index.get("definition"));
    }
    for (Map<String, Object> fk : foreignKeys) {
      h.execute("ALTER TABLE postings ADD CONSTRAINT " + fk.get("name") + " " + fk.get("definition"));
    }
    out.printf(java.util.Locale.ROOT, "[load] postings' %d indexes and %d foreign keys built after the rows in %.0f s%n",
        indexes.size(), foreignKeys.size(), (System.nanoTime() - started) / 1e9);
  }

  /**
   * Empties the bench database for a fresh load: TRUNCATE, not a DELETE of 14.7M postings through
   * their triggers (and the statistics with it, which TRUNCATE does not pass through). Refuses a
   * database holding any tenant but the bench's own, so a mistyped URL cannot wipe real data.
   */
  public static void wipe(Handle h, String tenantPrefix) {
    long others = h.createQuery("SELECT count(*) FROM items WHERE user_id NOT LIKE :prefix || '%'")
        .bind("prefix", tenantPrefix).mapTo(Long.class).one();
    if (others > 0) {
      throw new IllegalStateException("the bench database holds " + others + " items of tenants other than "
          + tenantPrefix + "*: point JDBC_BENCH_DATABASE_URL at a database of its own");
    }
    for (String index : h.createQuery("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        + " AND indexname LIKE 'embeddings\\_hnsw\\_%'").mapTo(String.class).list()) {
      h.execute("DROP INDEX " + index);
    }
    h.execute("TRUNCATE items, term_stats, corpus_stats, vector_indexes CASCADE");
  }

  /** Rows where term_stats or corpus_stats differ from a recount: 0 means exact. */
  public static long statisticsDrift(Handle h) {
    return h.createQuery(sql("statisticsDrift")).mapTo(Long.class).one();
  }

  private static String sql(String name) {
    return SQL.locate(BulkLoader.class, name);
  }

  private static CopyManager copyManager(Handle h) {
    try {
      return h.getConnection().unwrap(PGConnection.class).getCopyAPI();
    } catch (SQLException e) {
      throw new IllegalStateException("COPY needs a PostgreSQL connection", e);
    }
  }

  private static void copyIn(CopyManager copy, String sql, StringBuilder rows) {
    if (rows.isEmpty()) {
      return;
    }
    try {
      copy.copyIn(sql, new StringReader(rows.toString()));
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** One row of COPY's text format: tab-separated, backslash escapes. */
  static void row(StringBuilder out, String... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      String value = values[i];
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        switch (ch) {
          case '\\' -> out.append("\\\\");
          case '\t' -> out.append("\\t");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          default -> out.append(ch);
        }
      }
    }
    out.append('\n');
  }

}
