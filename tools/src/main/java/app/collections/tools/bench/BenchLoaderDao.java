package app.collections.tools.bench;

import app.collections.auth.Tenant;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The bench's statements around a load of its own tenants ({@link BenchTenants}): the one
 * row-by-row write (a tenant removed, with its documents, postings, vectors), whether a tenant is
 * loaded, and the upkeep after a load. The rows themselves go in through {@link BulkLoader}.
 */
@UseClasspathSqlLocator
public interface BenchLoaderDao {
  @SqlUpdate
  int deleteTenant(Tenant tenant);

  /** The tenant's items: a {@code --reuse} run loads nothing when the big tenant has any. */
  @SqlQuery
  long countItems(Tenant tenant);

  /** Statistics for the planner and the visibility map for index-only scans, database-wide. */
  @SqlUpdate
  void vacuumAnalyze();

  /** This session's maintenance_work_mem, for the HNSW build (see the SQL for why a session's). */
  @SqlUpdate
  void raiseMaintenanceWorkMem();
}
