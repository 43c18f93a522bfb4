package app.collections.embeddings;

import app.collections.auth.Tenant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Which tenants have a partial HNSW index of their own, and how big their corpus is. */
@UseClasspathSqlLocator
public interface VectorIndexDao {

  /** The dimension of the tenant's own index for the model, if it has one. */
  @SqlQuery
  Optional<Integer> indexedDimension(Tenant tenant, String model);

  @SqlUpdate
  void register(Tenant tenant, String model, int dimension, String indexName);

  /** Documents in the tenant's corpus: O(1), kept by triggers. */
  @SqlQuery
  Optional<Long> documents(Tenant tenant);
}
