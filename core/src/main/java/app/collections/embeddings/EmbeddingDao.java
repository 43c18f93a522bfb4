package app.collections.embeddings;

import app.collections.auth.Tenant;
import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * An item's vectors of one model, of one tenant: one per passage (part 0 the whole document,
 * part 1 its gist; see {@link app.collections.search.DocumentText}).
 */
@UseClasspathSqlLocator
public interface EmbeddingDao {
  /** Vectors per item at most: whole document and gist. Nearest-k searches read k times this. */
  int MAX_PARTS = 2;

  /** Stores one passage's vector; false when the tenant has no such item. */
  @SqlUpdate
  boolean upsert(Tenant tenant, UUID itemId, String model, int part, int dimension, PGvector embedding);

  /** Drops parts from {@code part} on: what a shorter new document no longer has. */
  @SqlUpdate
  int deletePartsFrom(Tenant tenant, UUID itemId, String model, int part);

  /** Stores an item's passages' vectors, in part order, replacing whatever it had. */
  @Transaction
  default boolean store(Tenant tenant, UUID itemId, String model, int dimension, List<float[]> vectors) {
    for (int part = 0; part < vectors.size(); part++) {
      if (!upsert(tenant, itemId, model, part, dimension, new PGvector(vectors.get(part)))) {
        return false;
      }
    }
    deletePartsFrom(tenant, itemId, model, vectors.size());
    return true;
  }

  @SqlQuery
  long count(Tenant tenant, String model);

  /**
   * The tenant's items whose document has fewer vectors of this model than passages (never
   * embedded with it, or embedded before gists were): what a reindex embeds.
   */
  @SqlQuery
  List<UUID> missing(Tenant tenant, String model, int limit);

  @SqlQuery
  long countMissing(Tenant tenant, String model);

  /**
   * Tenants with documents lacking vectors of this model. Cross-tenant by design: reindex walks
   * every tenant, then does each one's work with that tenant.
   */
  @SqlQuery
  List<String> tenantsMissing(String model);

  /** The vector of an item's whole document, for "more like this". */
  @SqlQuery
  java.util.Optional<PGvector> find(Tenant tenant, UUID itemId, String model);

  /** Vectors of other models: left behind by a model switch once everything is re-embedded. */
  @SqlUpdate
  int deleteOtherModels(Tenant tenant, String model);
}
