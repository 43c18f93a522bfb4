package app.collections.tools.bench;

import app.collections.auth.Tenant;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The benchmark's one row-by-row write: a tenant removed (with its documents, postings, vectors). Loads go through {@link BulkLoader}. */
@UseClasspathSqlLocator
public interface BenchLoaderDao {
  @SqlUpdate
  int deleteTenant(Tenant tenant);
}
