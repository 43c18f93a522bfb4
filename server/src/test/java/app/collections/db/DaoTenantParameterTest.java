package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.chat.CheckpointDao;
import app.collections.testing.TestDatabase;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Holds the line that keeps tenants apart: every DAO method that runs SQL takes one {@link Tenant},
 * and its statement, parsed, filters every tenant table it names on {@code user_id = :tenant}
 * where that filter governs the table's rows ({@link TenantPredicateChecker}: conjunctive, in the
 * same query block, bound from the Tenant). The tenant tables are read from the migrated schema
 * (every table with a user_id column), so a new one is covered without editing this test. A new
 * DAO, method or query that forgets the tenant fails here before it can leak anything; SQL run
 * outside a DAO is refused by {@code SqlOnlyInDaosTest}.
 */
class DaoTenantParameterTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /**
   * Methods allowed to run SQL without a tenant, each with its reason, keyed by signature
   * ({@link DaoMethod#signature()}) and checked to exist. Add to this only with a reason a reviewer
   * would accept: cross-tenant work done by the system itself, never on behalf of a request.
   */
  static final Map<String, String> EXCEPTIONS = Map.ofEntries(
      Map.entry("app.collections.lifecycle.JobDao#claimNext(long)",
          "the worker pool claims due work for every tenant;"
              + " every step after the claim runs with the job's own tenant (AnalysisPipeline.run)"),
      Map.entry("app.collections.lifecycle.JobDao#claimNextShort(long)",
          "the short-jobs worker claims due derived images and"
              + " embeddings for every tenant; every step after the claim runs with the job's own tenant (AnalysisPipeline.run)"),
      Map.entry("app.collections.embeddings.EmbeddingDao#tenantsMissing(String)",
          "reindex lists the tenants that need vectors"
              + " of a new model; each tenant's items are then embedded with its own tenant (ReindexCommand)"),
      Map.entry("app.collections.items.ItemDao#tenantsLackingDerived()",
          "reindex lists the tenants with items that lack"
              + " derived images; each tenant's items are then made with its own tenant (DerivedBackfill)"),
      Map.entry("app.collections.uploads.UploadDao#findStale(long, int)",
          "the sweeper lists abandoned uploads of every tenant;"
              + " each is then completed or dropped with its own tenant (UploadService.sweep)"),
      Map.entry("app.collections.http.PersistedQueryDao#find(String)",
          "a persisted query is a public GraphQL document keyed"
              + " by its own hash, not tenant data; it runs with the caller's tenant like a sent document"
              + " (V7__persisted_queries.sql)"),
      Map.entry("app.collections.http.PersistedQueryDao#insert(String, String, int)",
          "registers such a document; variables"
              + " and results are never stored (V7__persisted_queries.sql)"),
      Map.entry("app.collections.embeddings.VectorIndexDao#createPartialIndex(String, int, String, String)",
          "DDL binds nothing:"
              + " the index's predicate is user_id = <tenantLiteral>, escaped by VectorIndexes.build from the Tenant it is"
              + " given (the same literal vectorIndexed adds to its bound :tenant); not parsed either, as JSqlParser reads"
              + " no expression index"),
      Map.entry("app.collections.tools.bench.SearchBenchDao#relationSizes()",
          "the bench's report of its own database: sizes"
              + " from the catalog (pg_class), the tables named as strings to look up, no row of theirs read"),
      Map.entry("app.collections.tools.bench.BenchLoaderDao#vacuumAnalyze()", "VACUUM (ANALYZE) of the bench's own"
          + " database after its load: names no table, and is not SQL JSqlParser reads"));

  /**
   * Methods whose SQL names no tenant table (session settings, advisory locks, an index by its
   * name, the extension catalogue), so take no tenant: checked below, parsed, to name none, so an
   * entry here cannot hide a read of tenant data.
   */
  static final Map<String, String> NO_TENANT_TABLE = Map.ofEntries(
      Map.entry("app.collections.db.DatabaseDao#liftStatementTimeout()",
          "SET of this session's statement_timeout (StatementTimeout)"),
      Map.entry("app.collections.db.DatabaseDao#resetStatementTimeout()",
          "RESET of this session's statement_timeout (StatementTimeout)"),
      Map.entry("app.collections.db.DatabaseDao#extensionVersion(String)", "pg_extension, for the health check"),
      Map.entry("app.collections.db.DatabaseDao#ping()", "SELECT 1, whether the database answers (/health)"),
      Map.entry("app.collections.search.SearchDao#pinIndexedPlan(int)", "SET LOCAL (set_config) of planner settings"
          + " before the tenant's vectorIndexed read"),
      Map.entry("app.collections.embeddings.VectorIndexDao#tryLock(String)", "an advisory lock on an index name's hash"),
      Map.entry("app.collections.embeddings.VectorIndexDao#unlock(String)", "releases that lock"),
      Map.entry("app.collections.embeddings.VectorIndexDao#dropIndex(String)",
          "drops an index by its name (a half-built one)"),
      Map.entry("app.collections.tools.bench.BenchLoaderDao#raiseMaintenanceWorkMem()",
          "SET of the bench session's maintenance_work_mem for its HNSW build"),
      Map.entry("app.collections.tools.bench.SearchBenchDao#jitOffInTransaction()",
          "SET LOCAL jit before the bench's timed exact scan (SearchDao.vectorExact)"));

  /** Tables of ours without user_id: shared by every tenant on purpose, each with its reason. */
  static final Map<String, String> SHARED_TABLES = Map.of(
      "persisted_queries", "public GraphQL documents keyed by their hash (V7__persisted_queries.sql)",
      "flyway_schema_history", "the migration history");

  @Test
  void theTenantTablesAreEveryTableWithAUserId() {
    assertThat(tenantTables()).contains("items", "analyses", "embeddings", "jobs", "uploads", "documents",
        "postings", "term_stats", "corpus_stats", "vector_indexes", "rate_limit_buckets");
    List<String> others = db.jdbi().withHandle(h -> h.createQuery("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_name NOT IN (<tenant>) ORDER BY table_name""")
        .bindList("tenant", tenantTables()).mapTo(String.class).list());
    assertThat(others).as("tables without user_id").containsExactlyInAnyOrderElementsOf(SHARED_TABLES.keySet());
  }

  @Test
  void findsTheDaos() {
    assertThat(DaoMethod.scan()).extracting(m -> m.dao().getSimpleName()).contains("ItemDao", "AnalysisDao", "JobDao",
        "UploadDao", "RateLimitDao", "SearchDao", "SearchIndexDao", "VectorIndexDao", "EmbeddingDao", "DatabaseDao",
        "BenchLoaderDao");
  }

  @Test
  void everyExemptionNamesAMethodThatExists() {
    List<DaoMethod> methods = DaoMethod.scan();
    assertThat(DaoMethod.stale(EXCEPTIONS.keySet(), methods)).as("stale EXCEPTIONS").isEmpty();
    assertThat(DaoMethod.stale(NO_TENANT_TABLE.keySet(), methods)).as("stale NO_TENANT_TABLE").isEmpty();
  }

  @Test
  void methodsExemptForNamingNoTenantTableNameNone() {
    TenantPredicateChecker checker = new TenantPredicateChecker(tenantTables());
    List<String> violations = new ArrayList<>();
    for (DaoMethod method : DaoMethod.scan()) {
      if (NO_TENANT_TABLE.containsKey(method.signature())) {
        List<String> named = checker.tenantTablesNamed(method.statement(globalAttributes()));
        if (!named.isEmpty()) {
          violations.add(method.signature() + " names the tenant tables " + named);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everySqlMethodTakesExactlyOneTenant() {
    List<String> violations = tenantMethods()
        .filter(m -> m.tenantParameterCount() != 1)
        .map(m -> m.signature() + " takes " + m.tenantParameterCount() + " Tenant parameters, not exactly one")
        .toList();
    assertThat(violations).isEmpty();
  }

  @Test
  void everyStatementFiltersEachTenantTableItReadsOrWrites() {
    TenantPredicateChecker checker = new TenantPredicateChecker(tenantTables());
    List<String> violations = tenantMethods()
        .flatMap(m -> checker.check(m.statement(globalAttributes())).stream())
        .toList();
    assertThat(violations).isEmpty();
  }

  /** The chat store is DynamoDB, not SQL: there the key is built from the tenant, so it must come first. */
  @Test
  void everyCheckpointDaoMethodTakesTheTenantFirst() {
    List<String> violations = new ArrayList<>();
    for (Method method : CheckpointDao.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())) {
        continue;
      }
      Class<?>[] parameters = method.getParameterTypes();
      long tenants = Arrays.stream(parameters).filter(Tenant.class::equals).count();
      if (parameters.length == 0 || parameters[0] != Tenant.class || tenants != 1) {
        violations.add("CheckpointDao." + method.getName() + " does not take exactly one Tenant, first");
      }
    }
    assertThat(CheckpointDao.class.getDeclaredMethods()).extracting(Method::getName)
        .contains("findSession", "listSessions", "latest", "history", "save", "deleteSession");
    assertThat(violations).isEmpty();
  }

  /** The methods over tenant data: every SQL method but the exempt. */
  private static Stream<DaoMethod> tenantMethods() {
    return DaoMethod.scan().stream()
        .filter(m -> !EXCEPTIONS.containsKey(m.signature()) && !NO_TENANT_TABLE.containsKey(m.signature()));
  }

  /** The attributes every statement is rendered with (Database.jdbi's define: <itemFilter>), read from the real Jdbi. */
  private static Map<String, String> globalAttributes() {
    return db.jdbi().getConfig(SqlStatements.class).getAttributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  /** Every table (or view) of the migrated schema with a user_id column. */
  static List<String> tenantTables() {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT DISTINCT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'user_id' ORDER BY table_name""")
        .mapTo(String.class).list());
  }
}
