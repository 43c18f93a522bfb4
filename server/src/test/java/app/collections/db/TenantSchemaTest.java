package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.embeddings.VectorIndexes;
import app.collections.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's claims about tenant data in the schema ("## Tenancy"), checked on the migrated
 * database: every tenant table's user_id is NOT NULL; every index on one leads with user_id, or is
 * one tenant's partial index, but for the indexes named below with their reasons; every foreign key
 * between tenant tables pairs user_id with user_id, and every one to items is
 * (user_id, item_id) → (user_id, id), so the database refuses a link across tenants. A tenant table
 * is one with a user_id column, as in {@link DaoTenantParameterTest}.
 */
class TenantSchemaTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static final String USER_ID = "user_id";

  /**
   * Indexes on tenant tables that do not lead with user_id, each with its reason: exactly these
   * (an index that needs no entry, or one without an entry, fails).
   */
  static final Map<String, String> NOT_LEADING_WITH_USER_ID = Map.of(
      "items_pkey", "the id is a random UUID, unique across tenants by construction (an import keeps the"
          + " prototype's, and refuses one another tenant holds); every read still filters on user_id",
      "analyses_pkey", "the id is a random UUID, unique across tenants by construction",
      "jobs_pkey", "the id is a random UUID, unique across tenants by construction",
      "uploads_pkey", "the id is a random UUID, unique across tenants by construction (it becomes the item's id)",
      "jobs_runnable_idx", "the workers' queue: the oldest due job of any tenant, on purpose (JobDao.claimNext);"
          + " every step after the claim runs as the job's tenant",
      "vector_indexes_index_name_key", "index names are PostgreSQL's, one namespace for every tenant: the name"
          + " of one tenant's HNSW index must be unique across all");

  /** Tenant tables with an item_id that is no foreign key, each with its reason. */
  static final Map<String, String> ITEM_ID_WITHOUT_FOREIGN_KEY = Map.of(
      "uploads", "an upload comes before its item: item_id is written in the transaction that then inserts"
          + " the item (or names the duplicate the bytes already are), and the row is kept, as a record of"
          + " the upload, after the item is deleted; no code reads it back");

  @Test
  void everyTenantTablesUserIdIsNotNull() {
    List<String> nullable = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'user_id' AND is_nullable <> 'NO'""")
        .mapTo(String.class).list());
    assertThat(tenantTables()).isNotEmpty();
    assertThat(nullable).isEmpty();
  }

  /** One index: its first key column (null for an expression) and its partial predicate, if any. */
  record IndexRow(String name, String table, String firstColumn, String predicate) {}

  @Test
  void everyIndexOnATenantTableLeadsWithUserIdButTheNamedOnes() {
    // A large tenant's HNSW index, as VectorIndexes builds it: on an expression, partial on the tenant.
    new VectorIndexes(db.jdbi(), 1).build(new Tenant("large tenant's"), "model", 3);

    List<IndexRow> indexes = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT i.relname AS name, t.relname AS "table", a.attname AS first_column,
                   pg_get_expr(x.indpred, x.indrelid) AS predicate
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
            WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (<tables>)
            ORDER BY i.relname""")
        .bindList("tables", tenantTables())
        .map((rs, ctx) -> new IndexRow(rs.getString("name"), rs.getString("table"), rs.getString("first_column"),
            rs.getString("predicate")))
        .list());

    assertThat(indexes).as("the HNSW index built above").anySatisfy(i -> {
      assertThat(i.name()).startsWith("embeddings_hnsw_");
      assertThat(i.firstColumn()).isNull();
      assertThat(pinsUserIdToOneTenant(i.predicate())).as(i.predicate()).isTrue();
    });
    List<String> notLeading = indexes.stream()
        .filter(i -> !USER_ID.equals(i.firstColumn()) && !pinsUserIdToOneTenant(i.predicate()))
        .map(IndexRow::name).toList();
    assertThat(notLeading).containsExactlyInAnyOrderElementsOf(NOT_LEADING_WITH_USER_ID.keySet());
  }

  /** A foreign key's columns and the columns it references, in order. */
  record ForeignKey(String name, String source, String target, String columns, String referenced) {
    List<String> columnList() {
      return List.of(columns.split(","));
    }

    List<String> referencedList() {
      return List.of(referenced.split(","));
    }

    /** Whether it holds the row to its own tenant: user_id references user_id. */
    boolean pairsUserIds() {
      int at = columnList().indexOf(USER_ID);
      return at >= 0 && USER_ID.equals(referencedList().get(at));
    }
  }

  @Test
  void foreignKeysBetweenTenantTablesPairUserIdsAndChildrenReferenceItemsByUserIdAndItemId() {
    List<ForeignKey> keys = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT c.conname AS name, src.relname AS source, dst.relname AS target,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS referenced
            FROM pg_constraint c
            JOIN pg_class src ON src.oid = c.conrelid
            JOIN pg_class dst ON dst.oid = c.confrelid
            WHERE c.contype = 'f' AND src.relnamespace = current_schema()::regnamespace
            ORDER BY c.conname""")
        .map((rs, ctx) -> new ForeignKey(rs.getString("name"), rs.getString("source"), rs.getString("target"),
            rs.getString("columns"), rs.getString("referenced")))
        .list());
    List<String> tenantTables = tenantTables();

    assertThat(keys).as("foreign keys to items").filteredOn(k -> k.target().equals("items"))
        .isNotEmpty()
        .allSatisfy(k -> {
          assertThat(k.columnList()).as(k.name()).containsExactly(USER_ID, "item_id");
          assertThat(k.referencedList()).as(k.name()).containsExactly(USER_ID, "id");
        });
    assertThat(keys).as("foreign keys from tenant tables").filteredOn(k -> tenantTables.contains(k.source()))
        .allSatisfy(k -> {
          assertThat(tenantTables).as(k.name() + " references a tenant table").contains(k.target());
          assertThat(k.pairsUserIds()).as(k.name() + " pairs user_id with user_id").isTrue();
        });

    List<String> withItemId = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'item_id' AND table_name IN (<tables>)""")
        .bindList("tables", tenantTables).mapTo(String.class).list());
    List<String> unlinked = withItemId.stream()
        .filter(table -> keys.stream().noneMatch(k -> k.source().equals(table) && k.pairsUserIds()
            && k.columnList().contains("item_id")))
        .toList();
    assertThat(unlinked).containsExactlyInAnyOrderElementsOf(ITEM_ID_WITHOUT_FOREIGN_KEY.keySet());
  }

  /**
   * Whether a partial index's predicate (as pg_get_expr spells it) has a conjunct
   * {@code user_id = 'literal'}: its rows are one tenant's.
   */
  static boolean pinsUserIdToOneTenant(String predicate) {
    if (predicate == null) {
      return false;
    }
    try {
      return pins(CCJSqlParserUtil.parseCondExpression(predicate));
    } catch (JSQLParserException e) {
      throw new AssertionError("index predicate does not parse: " + predicate, e);
    }
  }

  private static boolean pins(Expression e) {
    return switch (e) {
      case ParenthesedExpressionList<?> list when list.size() == 1 -> pins(list.get(0));
      case AndExpression and -> pins(and.getLeftExpression()) || pins(and.getRightExpression());
      case EqualsTo eq -> eq.getLeftExpression() instanceof Column c && c.getColumnName().equals(USER_ID)
          && literal(eq.getRightExpression());
      default -> false;
    };
  }

  /** 'x', or 'x'::text as pg_get_expr writes it. */
  private static boolean literal(Expression e) {
    return e instanceof StringValue || e instanceof CastExpression cast && cast.getLeftExpression() instanceof StringValue;
  }

  private static List<String> tenantTables() {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT DISTINCT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'user_id' ORDER BY table_name""")
        .mapTo(String.class).list());
  }
}
