package app.collections.embeddings;

import app.collections.auth.Tenant;
import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** One vector per item and model, of one tenant. */
@UseClasspathSqlLocator
public interface EmbeddingDao {

  /** Stores the item's vector for the model; false when the tenant has no such item. */
  @SqlUpdate
  boolean upsert(Tenant tenant, UUID itemId, String model, int dimension, PGvector embedding);

  @SqlQuery
  long count(Tenant tenant, String model);

  /** The tenant's READY items with a document but no vector of this model: what a reindex embeds. */
  @SqlQuery
  List<UUID> missing(Tenant tenant, String model, int limit);

  @SqlQuery
  long countMissing(Tenant tenant, String model);

  /**
   * Tenants with documents lacking a vector of this model. Cross-tenant by design: reindex walks
   * every tenant, then does each one's work with that tenant.
   */
  @SqlQuery
  List<String> tenantsMissing(String model);

  /** The stored vector of an item, for "more like this". */
  @SqlQuery
  java.util.Optional<PGvector> find(Tenant tenant, UUID itemId, String model);

  /** Vectors of other models: left behind by a model switch once everything is re-embedded. */
  @SqlUpdate
  int deleteOtherModels(Tenant tenant, String model);
}
