package app.collections.search;

import app.collections.auth.Tenant;
import app.collections.embeddings.EmbeddingDao;
import app.collections.embeddings.QueryEmbeddingCache;
import app.collections.embeddings.VectorIndexes;
import com.pgvector.PGvector;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Cosine similarity over the tenant's vectors of the current model: an exact scan for a small
 * tenant, its own HNSW index for a large one (see {@link VectorIndexes} for the rule).
 */
public final class VectorSearch {
  private final Jdbi jdbi;
  private final QueryEmbeddingCache queries;
  private final VectorIndexes indexes;
  private final SearchConfiguration config;

  public VectorSearch(Jdbi jdbi, QueryEmbeddingCache queries, VectorIndexes indexes, SearchConfiguration config) {
    this.jdbi = jdbi;
    this.queries = queries;
    this.indexes = indexes;
    this.config = config;
  }

  public List<ScoredItem> search(Tenant tenant, String query, SearchFilter filter, Floor floor, int limit) {
    return floor.apply(nearest(tenant, new PGvector(queries.embed(query)), filter, limit));
  }

  /** The tenant's items nearest to a vector, nearest first. */
  public List<ScoredItem> nearest(Tenant tenant, PGvector vector, SearchFilter filter, int limit) {
    String model = queries.embedder().model();
    Optional<Integer> indexed = indexes.indexed(tenant, model);
    if (indexed.isEmpty()) {
      return jdbi.onDemand(SearchDao.class).vectorExact(tenant, model, vector, filter, limit);
    }
    // SET LOCAL: a session setting would leak to the next request on this pooled connection.
    return jdbi.inTransaction(h -> {
      h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      h.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
      h.execute("SET LOCAL hnsw.ef_search = " + Math.max(config.getEfSearch(), limit));
      return h.attach(SearchDao.class).vectorIndexed(tenant, model, vector, indexed.get(), filter, limit);
    });
  }

  /** The tenant's items nearest to one of its items (itself excluded); empty if it has no vector. */
  public Optional<List<ScoredItem>> similarTo(Tenant tenant, java.util.UUID itemId, int first) {
    return jdbi.onDemand(EmbeddingDao.class).find(tenant, itemId, model())
        .map(v -> nearest(tenant, v, SearchFilter.NONE, first + 1).stream()
            .filter(hit -> !hit.itemId().equals(itemId))
            .limit(first)
            .toList());
  }

  public String model() {
    return queries.embedder().model();
  }
}
