package app.collections.embeddings;

import app.collections.auth.Tenant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Define;
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

  /**
   * Takes the advisory lock of an index name on this handle's connection: attach the DAO to the
   * handle that builds the index and later unlocks, not on demand (each call its own connection).
   */
  @SqlQuery
  boolean tryLock(String name);

  @SqlQuery
  boolean unlock(String name);

  @SqlUpdate
  void dropIndex(@Define String name);

  /**
   * The tenant's partial HNSW index. Its predicate names the tenant as a literal (DDL binds
   * nothing), so this takes the literals {@code VectorIndexes.build} escapes from its {@code Tenant}.
   */
  @SqlUpdate
  void createPartialIndex(@Define String name, @Define int dimension, @Define String tenantLiteral,
      @Define String modelLiteral);
}
