package app.collections.tools.bench;

import app.collections.auth.Tenant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The search bench's own statements ({@link SearchBench}, {@link ReferenceComparison}) beside the service's DAOs. */
@UseClasspathSqlLocator
public interface SearchBenchDao {
  /** A relation of the bench database, as {@link #relationSizes} reports it. */
  record RelationSize(String name, long rows, String size) {}

  /** The tenant's items with a posting for any word of {@code words}: the BM25 hits it must get. */
  @SqlQuery
  long countItemsMatching(Tenant tenant, String words);

  /** The search tables and their indexes, largest first, from the catalog. */
  @SqlQuery
  @RegisterConstructorMapper(RelationSize.class)
  List<RelationSize> relationSizes();

  /** No JIT for the rest of the transaction: the exact scan is timed, not PostgreSQL's compiler. */
  @SqlUpdate
  void jitOffInTransaction();
}
