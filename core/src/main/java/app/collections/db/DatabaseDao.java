package app.collections.db;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.QueryTimeOut;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Statements about the database and this connection's session, naming no table of ours: so they
 * take no tenant (DaoTenantParameterTest checks that they name no tenant table). Session settings
 * hold for the handle they run on: attach this to the handle whose statements they are meant for.
 */
@UseClasspathSqlLocator
public interface DatabaseDao {
  /**
   * {@link #ping}'s limit: SELECT 1 takes well under a millisecond, so a database that needs
   * seconds for it is not serving requests either, and /health should say so rather than wait for
   * the pool's 10-second statement timeout.
   */
  int PING_TIMEOUT_SECONDS = 2;

  @SqlQuery
  @QueryTimeOut(PING_TIMEOUT_SECONDS)
  int ping();

  @SqlUpdate
  void liftStatementTimeout();

  @SqlUpdate
  void resetStatementTimeout();

  @SqlQuery
  Optional<String> extensionVersion(String name);
}
