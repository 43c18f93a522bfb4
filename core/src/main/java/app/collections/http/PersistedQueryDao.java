package app.collections.http;

import java.util.Optional;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Persisted GraphQL documents by their SHA-256. Takes no tenant on purpose: a document is not a
 * tenant's data (see migrations/V7__persisted_queries.sql and DaoTenantParameterTest).
 */
@UseClasspathSqlLocator
public interface PersistedQueryDao {

  @SqlQuery
  Optional<String> find(String sha256);

  /** False when nothing was stored: known already, or the table is full. */
  @SqlUpdate
  boolean insert(String sha256, String query, int maxRows);
}
