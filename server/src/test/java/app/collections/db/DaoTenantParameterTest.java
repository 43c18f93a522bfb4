package app.collections.db;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.chat.CheckpointDao;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.extension.annotation.UseExtensionHandler;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.junit.jupiter.api.Test;

/**
 * Holds the line that keeps tenants apart: every DAO method that runs SQL takes a {@link Tenant},
 * and its SQL filters on {@code user_id = :tenant}. A new DAO, method or query that forgets the
 * tenant fails here before it can leak anything.
 */
class DaoTenantParameterTest {

  /**
   * Methods allowed to run SQL without a tenant, each with its reason. Add to this only with a
   * reason a reviewer would accept: cross-tenant work done by the system itself, never on behalf of
   * a request.
   */
  static final Map<String, String> EXCEPTIONS = Map.of(
      "JobDao.claimNext", "the worker pool claims due work for every tenant; every step after the claim"
          + " runs with the job's own tenant (AnalysisPipeline.run)",
      "EmbeddingDao.tenantsMissing", "reindex lists the tenants that need vectors of a new model; each"
          + " tenant's items are then embedded with its own tenant (ReindexCommand)",
      "UploadDao.findStale", "the sweeper lists abandoned uploads of every tenant; each is then completed or"
          + " dropped with its own tenant (UploadService.sweep)",
      "PersistedQueryDao.find", "a persisted query is a public GraphQL document keyed by its own hash, not"
          + " tenant data; it runs with the caller's tenant like a sent document (V7__persisted_queries.sql)",
      "PersistedQueryDao.insert", "registers such a document; variables and results are never stored"
          + " (V7__persisted_queries.sql)");

  @Test
  void findsTheDaos() throws Exception {
    assertThat(daoInterfaces()).extracting(Class::getSimpleName)
        .contains("ItemDao", "AnalysisDao", "JobDao", "UploadDao", "RateLimitDao");
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
        if (EXCEPTIONS.containsKey(name)) {
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
    // unfiltered; count the tables it names against the tenant filters it has.
    List<String> violations = new ArrayList<>();
    for (Class<?> dao : daoInterfaces()) {
      for (Method method : dao.getDeclaredMethods()) {
        if (!runsSql(method) || EXCEPTIONS.containsKey(dao.getSimpleName() + "." + method.getName())) {
          continue;
        }
        String sql = stripComments(sqlOf(dao, method)).toLowerCase(java.util.Locale.ROOT);
        long reads = Stream.of("from", "join", "update").mapToLong(k -> count(sql, "\\b" + k + "\\s+(items|analyses|embeddings|jobs|uploads)\\b")).sum();
        long filters = count(sql, "user_id\\s*=\\s*:tenant");
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

  /** Every interface under app.collections whose methods run SQL: found, not listed, so none is missed. */
  static List<Class<?>> daoInterfaces() throws IOException, URISyntaxException, ClassNotFoundException {
    // Core's classes: a folder in an IDE, its jar in a Maven build of the modules.
    Path location = Path.of(Tenant.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> daos = new ArrayList<>();
    try (java.nio.file.FileSystem jar = Files.isDirectory(location) ? null : java.nio.file.FileSystems.newFileSystem(location);
        Stream<Path> files = Files.walk(jar == null ? location : jar.getPath("/"))) {
      Path root = jar == null ? location : jar.getPath("/");
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith("META-INF") || name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, Tenant.class.getClassLoader());
        if (type.isInterface() && Arrays.stream(type.getDeclaredMethods()).anyMatch(DaoTenantParameterTest::runsSql)) {
          daos.add(type);
        }
      }
    }
    return daos;
  }
}
