package app.collections.ratelimit;

import app.collections.auth.Tenant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A tenant's token buckets in PostgreSQL, shared by every container. */
@UseClasspathSqlLocator
public interface RateLimitDao {
  /** The row {@code take} returns: the tokens left and what was granted. */
  record Taken(double requests, double searches, double modelCalls, boolean requestsGranted,
      boolean searchesGranted, boolean modelCallsGranted) {}

  /**
   * Refills and takes in one upsert (see take.sql); {@code fresh*} is the row a new tenant starts
   * with: full buckets with this request taken.
   */
  @SqlQuery
  @RegisterConstructorMapper(Taken.class)
  Taken take(Tenant tenant, int searches, int modelCalls,
      double requestBurst, double requestsPerSecond, double searchBurst, double searchesPerSecond,
      double modelCallBurst, double modelCallsPerSecond,
      double freshRequests, double freshSearches, double freshModelCalls,
      boolean freshRequestGranted, boolean freshSearchesGranted, boolean freshModelCallsGranted);

  /** Drops the tenant's row: its buckets start full again. */
  @SqlUpdate
  void forget(Tenant tenant);
}
