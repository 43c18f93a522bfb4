package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.chat.CheckpointDao;
import app.collections.testing.TestDatabase;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.extension.annotation.UseExtensionHandler;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Holds the line that keeps tenants apart: every DAO method that runs SQL takes a {@link Tenant},
 * and its SQL filters on {@code user_id = :tenant}, once for each tenant table it names. The tenant
 * tables are read from the migrated schema (every table with a user_id column), so a new one is
 * covered without editing this test. A new DAO, method or query that forgets the tenant fails here
 * before it can leak anything; SQL run outside a DAO is refused by {@code SqlOnlyInDaosTest}.
 */
class DaoTenantParameterTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  /**
   * Methods allowed to run SQL without a tenant, each with its reason. Add to this only with a
   * reason a reviewer would accept: cross-tenant work done by the system itself, never on behalf of
   * a request.
   */
  static final Map<String, String> EXCEPTIONS = Map.of(
      "JobDao.claimNext", "the worker pool claims due work for every tenant; every step after the claim"
          + " runs with the job's own tenant (AnalysisPipeline.run)",
      "JobDao.claimNextShort", "the short-jobs worker claims due derived images and embeddings for every"
          + " tenant; every step after the claim runs with the job's own tenant (AnalysisPipeline.run)",
      "EmbeddingDao.tenantsMissing", "reindex lists the tenants that need vectors of a new model; each"
          + " tenant's items are then embedded with its own tenant (ReindexCommand)",
      "ItemDao.tenantsLackingDerived", "reindex lists the tenants with items that lack derived images; each"
          + " tenant's items are then made with its own tenant (DerivedBackfill)",
      "UploadDao.findStale", "the sweeper lists abandoned uploads of every tenant; each is then completed or"
          + " dropped with its own tenant (UploadService.sweep)",
      "PersistedQueryDao.find", "a persisted query is a public GraphQL document keyed by its own hash, not"
          + " tenant data; it runs with the caller's tenant like a sent document (V7__persisted_queries.sql)",
      "PersistedQueryDao.insert", "registers such a document; variables and results are never stored"
          + " (V7__persisted_queries.sql)",
      "VectorIndexDao.createPartialIndex", "DDL binds nothing: the index's predicate is user_id = <tenantLiteral>,"
          + " escaped by VectorIndexes.build from the Tenant it is given (the same literal vectorIndexed adds to its"
          + " bound :tenant)",
      "SearchBenchDao.relationSizes", "the bench's report of its own database: sizes from the catalog (pg_class),"
          + " the tables named as strings to look up, no row of theirs read");

  /**
   * Methods whose SQL names no tenant table (session settings, advisory locks, an index by its
   * name, the extension catalogue), so take no tenant: checked below to name none, so an entry here
   * cannot hide a read of tenant data.
   */
  static final Map<String, String> NO_TENANT_TABLE = Map.ofEntries(
      Map.entry("DatabaseDao.liftStatementTimeout", "SET of this session's statement_timeout (StatementTimeout)"),
      Map.entry("DatabaseDao.resetStatementTimeout", "RESET of this session's statement_timeout (StatementTimeout)"),
      Map.entry("DatabaseDao.extensionVersion", "pg_extension, for the health check"),
      Map.entry("DatabaseDao.ping", "SELECT 1, whether the database answers (/health)"),
      Map.entry("SearchDao.pinIndexedPlan", "SET LOCAL of planner settings before the tenant's vectorIndexed read"),
      Map.entry("VectorIndexDao.tryLock", "an advisory lock on an index name's hash"),
      Map.entry("VectorIndexDao.unlock", "releases that lock"),
      Map.entry("VectorIndexDao.dropIndex", "drops an index by its name (a half-built one)"),
      Map.entry("BenchLoaderDao.vacuumAnalyze", "VACUUM (ANALYZE) of the bench's own database after its load"),
      Map.entry("BenchLoaderDao.raiseMaintenanceWorkMem",
          "SET of the bench session's maintenance_work_mem for its HNSW build"),
      Map.entry("SearchBenchDao.jitOffInTransaction",
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
  void methodsExemptForNamingNoTenantTableNameNone() throws Exception {
    List<String> found = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (Class<?> dao : daoInterfaces()) {
      for (Method method : dao.getDeclaredMethods()) {
        String name = dao.getSimpleName() + "." + method.getName();
        if (!runsSql(method) || !NO_TENANT_TABLE.containsKey(name)) {
          continue;
        }
        found.add(name);
        String sql = stripComments(sqlOf(dao, method)).toLowerCase(java.util.Locale.ROOT);
        for (String table : tenantTables()) {
          if (count(sql, "\\b" + table + "\\b") > 0) {
            violations.add(name + " names the tenant table " + table);
          }
        }
      }
    }
    assertThat(found).as("each exemption names a method that exists").containsExactlyInAnyOrderElementsOf(
        NO_TENANT_TABLE.keySet());
    assertThat(violations).isEmpty();
  }

  @Test
  void findsTheDaos() throws Exception {
    assertThat(daoInterfaces()).extracting(Class::getSimpleName)
        .contains("ItemDao", "AnalysisDao", "JobDao", "UploadDao", "RateLimitDao", "SearchDao", "SearchIndexDao",
            "VectorIndexDao", "EmbeddingDao", "DatabaseDao", "BenchLoaderDao");
  }

  @Test
  void everySqlMethodTakesATenantAndFiltersOnIt() throws Exception {
    List<String> violations = new ArrayList<>();
    for (Class<?> dao : daoInterfaces()) {
      for (Method method : dao.getDeclaredMethods()) {
        if (!runsSql(method)) {
          continue;
        }
        String name = dao.getSimpleName() + "." + method.getName();
        if (EXCEPTIONS.containsKey(name) || NO_TENANT_TABLE.containsKey(name)) {
          continue;
        }
        long tenants = Arrays.stream(method.getParameterTypes()).filter(Tenant.class::equals).count();
        if (tenants != 1) {
          violations.add(name + " takes " + tenants + " Tenant parameters, not exactly one");
        }
        String sql = stripComments(sqlOf(dao, method)).replaceAll("\\s+", " ").trim();
        boolean insert = sql.regionMatches(true, 0, "INSERT", 0, 6);
        if (insert && !sql.matches("(?is)INSERT INTO \\w+ \\([^)]*\\buser_id\\b.*:tenant\\b.*")) {
          violations.add(name + " does not write user_id from :tenant: " + sql);
        } else if (!insert && !sql.matches("(?is).*\\buser_id\\s*=\\s*:tenant\\b.*")) {
          violations.add(name + " has no `user_id = :tenant` filter: " + sql);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyStatementOverTenantTablesFiltersEachTableItTouches() throws Exception {
    // A statement may touch one tenant table and filter it, yet join or sub-select another
    // unfiltered; count the tables it names against the tenant filters it has. An INSERT's target
    // is filtered by writing user_id from :tenant (everySqlMethodTakesATenantAndFiltersOnIt).
    String tables = "(" + String.join("|", tenantTables()) + ")";
    List<String> violations = new ArrayList<>();
    for (Class<?> dao : daoInterfaces()) {
      for (Method method : dao.getDeclaredMethods()) {
        String name = dao.getSimpleName() + "." + method.getName();
        if (!runsSql(method) || EXCEPTIONS.containsKey(name) || NO_TENANT_TABLE.containsKey(name)) {
          continue;
        }
        String sql = stripComments(sqlOf(dao, method)).toLowerCase(java.util.Locale.ROOT);
        long reads = Stream.of("from", "join", "update", "using", "into")
            .mapToLong(k -> count(sql, "\\b" + k + "\\s+" + tables + "\\b")).sum();
        long filters = count(sql, "user_id\\s*=\\s*:tenant")
            + count(sql, "\\binsert\\s+into\\s+" + tables + "\\s*\\([^)]*\\buser_id\\b");
        if (filters < reads) {
          violations.add(dao.getSimpleName() + "." + method.getName() + " reads " + reads
              + " tenant tables but filters " + filters);
        }
      }
    }
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

  private static boolean runsSql(Method method) {
    return Arrays.stream(method.getAnnotations())
        .anyMatch(a -> a.annotationType().isAnnotationPresent(UseExtensionHandler.class));
  }

  private static String sqlOf(Class<?> dao, Method method) throws IOException {
    for (var annotation : method.getAnnotations()) {
      if (!annotation.annotationType().isAnnotationPresent(UseExtensionHandler.class)) {
        continue;
      }
      try {
        String inline = (String) annotation.annotationType().getMethod("value").invoke(annotation);
        if (!inline.isBlank() && !dao.isAnnotationPresent(UseClasspathSqlLocator.class)) {
          return inline;
        }
        String file = dao.getName().replace('.', '/') + "/" + (inline.isBlank() ? method.getName() : inline) + ".sql";
        try (InputStream in = dao.getClassLoader().getResourceAsStream(file)) {
          assertThat(in).as("SQL file %s", file).isNotNull();
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no SQL on " + method);
  }

  private static String stripComments(String sql) {
    return sql.replaceAll("--[^\\n]*", "");
  }

  private static long count(String text, String regex) {
    return java.util.regex.Pattern.compile(regex).matcher(text).results().count();
  }

  /**
   * Every interface under app.collections (core and the tools, wherever their classes are: a
   * directory or a jar) whose methods run SQL: found, not listed, so none is missed.
   */
  static List<Class<?>> daoInterfaces() {
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.collections").stream()
        .filter(JavaClass::isInterface)
        .<Class<?>>map(JavaClass::reflect)
        .filter(type -> Arrays.stream(type.getDeclaredMethods()).anyMatch(DaoTenantParameterTest::runsSql))
        .toList();
  }

  /** Every table (or view) of the migrated schema with a user_id column. */
  static List<String> tenantTables() {
    return db.jdbi().withHandle(h -> h.createQuery("""
            SELECT DISTINCT table_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name = 'user_id' ORDER BY table_name""")
        .mapTo(String.class).list());
  }
}
