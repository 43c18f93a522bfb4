package app.collections.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL runs in DAOs (JDBI SqlObject interfaces, their SQL in files), where DaoTenantParameterTest
 * sees it and holds it to the tenant rule. A statement built on a bare handle or JDBC connection is
 * invisible to that test, so outside a DAO none is allowed but in the few classes listed here, each
 * with the reason it is not tenant data run on behalf of a request. Checked on the compiled classes
 * of core, the stand-ins, the tools and the server (the Lambda module has none of its own: it runs
 * core's DAOs).
 */
class SqlOnlyInDaosTest {
  /** Classes that may run SQL outside a DAO, and why. None of them serves a request. */
  static final Map<String, String> ALLOWED = Map.of(
      "app.collections.db.StatementTimeout", "Flyway's connections, before any Jdbi exists: SET and RESET of"
          + " statement_timeout on the bare JDBC connection, no table",
      "app.collections.prototype.PrototypeData", "reads the prototype's own SQLite files, read-only: not our"
          + " database (its rows are written through ImportDao)",
      "app.collections.tools.bench.Fts5Engine", "the bench's reference engine: SQLite FTS5 in memory, not our database",
      "app.collections.tools.bench.BulkLoader", "the bench's loader of its own bench-* tenants: COPY into staging"
          + " tables, postings indexes dropped and rebuilt around the load (its SQL in files beside it)");

  /** Statements run on a JDBI handle or a JDBC connection; attach(), transactions and the like are not. */
  private static final DescribedPredicate<JavaCall<?>> RUNS_SQL = DescribedPredicate.or(
      target(owner(assignableTo(Handle.class)))
          .and(target(nameMatching("createQuery|createUpdate|createScript|createCall|prepareBatch|execute|select"))),
      target(owner(assignableTo(Connection.class)))
          .and(target(nameMatching("createStatement|prepareStatement|prepareCall|nativeSQL"))),
      target(owner(assignableTo(Statement.class))).and(target(nameMatching("execute.*|addBatch"))))
      .as("run SQL on a bare handle or connection");

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("app.collections");
  }

  private static ArchRule onlyDaosRunSql() {
    return noClasses().that(DescribedPredicate.describe("are not allowed to",
            (JavaClass c) -> !ALLOWED.containsKey(c.getName())
                && !ALLOWED.containsKey(c.getName().replaceFirst("\\$.*", ""))))
        .should().callMethodWhere(RUNS_SQL)
        .because("SQL outside a DAO escapes the tenant rule (DaoTenantParameterTest)");
  }

  @Test
  void noProductionClassRunsSqlOutsideADao() {
    onlyDaosRunSql().check(production);
  }

  /** An entry that no longer runs SQL of its own goes: the list only ever shrinks to what is needed. */
  @Test
  void everyAllowedClassStillNeedsItsEntry() {
    List<String> needed = production.stream()
        .filter(c -> c.getMethodCallsFromSelf().stream().anyMatch(RUNS_SQL))
        .map(c -> c.getName().replaceFirst("\\$.*", ""))
        .distinct().toList();
    assertThat(needed).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
  }

  /** The rule sees SQL built on a handle, even inside a lambda, as VectorSearch once did. */
  @Test
  void theRuleCatchesSqlOnABareHandle() {
    JavaClasses bare = new ClassFileImporter().importClasses(BareSql.class);
    assertThat(onlyDaosRunSql().evaluate(bare).hasViolation()).isTrue();
  }

  static final class BareSql {
    long items(Jdbi jdbi) {
      return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM items").mapTo(Long.class).one());
    }
  }
}
