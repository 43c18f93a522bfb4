package app.collections.search;

import app.collections.items.ItemFilter;
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

  public List<ScoredItem> search(Tenant tenant, String query, ItemFilter filter, Floor floor, int limit) {
    return floor.apply(nearest(tenant, new PGvector(queries.embed(query)), filter, limit));
  }

  /**
   * Whether a search is quick and local: the query's vector cached and the tenant's vectors scanned
   * exactly (a few thousand rows at most). HYBRID then runs it after BM25 rather than beside it.
   */
  public boolean isQuick(Tenant tenant, String query) {
    return queries.has(query) && indexes.indexed(tenant, model()).isEmpty();
  }

  /** The tenant's items nearest to a vector, nearest first. */
  public List<ScoredItem> nearest(Tenant tenant, PGvector vector, ItemFilter filter, int limit) {
    String model = queries.embedder().model();
    Optional<Integer> indexed = indexes.indexed(tenant, model);
    if (indexed.isEmpty()) {
      return jdbi.onDemand(SearchDao.class).vectorExact(tenant, model, vector, filter, limit);
    }
    int passages = limit * EmbeddingDao.MAX_PARTS;
    // The plan settings are SET LOCAL: they hold for this transaction's search, and end with it.
    return jdbi.inTransaction(h -> {
      SearchDao dao = h.attach(SearchDao.class);
      dao.pinIndexedPlan(Math.max(config.getEfSearch(), passages));
      return dao.vectorIndexed(tenant, model, vector, indexed.get(),
          VectorIndexes.literal(tenant.id()), VectorIndexes.literal(model), filter, limit, passages);
    });
  }

  /** The tenant's items nearest to one of its items (itself excluded); empty if it has no vector. */
  public Optional<List<ScoredItem>> similarTo(Tenant tenant, java.util.UUID itemId, int first) {
    return jdbi.onDemand(EmbeddingDao.class).find(tenant, itemId, model())
        .map(v -> nearest(tenant, v, ItemFilter.NONE, first + 1).stream()
            .filter(hit -> !hit.itemId().equals(itemId))
            .limit(first)
            .toList());
  }

  /**
   * {@link #similarTo} for many items: one statement when the tenant's vectors are scanned
   * exactly; through its own index (one statement per item, each an index read) otherwise.
   */
  public java.util.Map<java.util.UUID, List<ScoredItem>> similarToAll(Tenant tenant,
      java.util.Collection<java.util.UUID> itemIds, int first) {
    java.util.Map<java.util.UUID, List<ScoredItem>> bySource = new java.util.LinkedHashMap<>();
    if (indexes.indexed(tenant, model()).isPresent()) {
      itemIds.forEach(id -> similarTo(tenant, id, first).ifPresent(hits -> bySource.put(id, hits)));
      return bySource;
    }
    for (SearchDao.Neighbour n : jdbi.onDemand(SearchDao.class).similarExact(tenant, model(), itemIds, first)) {
      bySource.computeIfAbsent(n.sourceId(), k -> new java.util.ArrayList<>())
          .add(new ScoredItem(n.itemId(), n.score(), n.score()));
    }
    return bySource;
  }

  public String model() {
    return queries.embedder().model();
  }
}
