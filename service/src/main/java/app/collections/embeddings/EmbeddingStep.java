package app.collections.embeddings;

import app.collections.auth.Tenant;
import app.collections.search.SearchIndexDao;
import com.pgvector.PGvector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The pipeline step after analysis: embeds the item's indexed document with the configured model
 * and, when the tenant's corpus has grown past the exact-scan size, gives it its own HNSW index.
 */
public final class EmbeddingStep {
  private final Embedder embedder;
  private final SearchIndexDao documents;
  private final EmbeddingDao embeddings;
  private final VectorIndexes indexes;

  public EmbeddingStep(Jdbi jdbi, Embedder embedder, VectorIndexes indexes) {
    this.embedder = embedder;
    this.documents = jdbi.onDemand(SearchIndexDao.class);
    this.embeddings = jdbi.onDemand(EmbeddingDao.class);
    this.indexes = indexes;
  }

  /** False when the item (or its document) is gone: nothing left to embed. */
  public boolean embed(Tenant tenant, UUID itemId) {
    Optional<String> body = documents.body(tenant, itemId);
    if (body.isEmpty()) {
      return false;
    }
    float[] vector = embedder.embedDocuments(List.of(body.get())).getFirst();
    boolean stored = embeddings.upsert(tenant, itemId, embedder.model(), embedder.dimension(), new PGvector(vector));
    indexes.ensure(tenant, embedder.model(), embedder.dimension());
    return stored;
  }

  /** Embeds many items in one model call: what reindex and eval use. */
  public int embedAll(Tenant tenant, List<UUID> itemIds) {
    List<UUID> present = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (UUID id : itemIds) {
      documents.body(tenant, id).ifPresent(body -> {
        present.add(id);
        bodies.add(body);
      });
    }
    List<float[]> vectors = bodies.isEmpty() ? List.of() : embedder.embedDocuments(bodies);
    for (int i = 0; i < present.size(); i++) {
      embeddings.upsert(tenant, present.get(i), embedder.model(), embedder.dimension(), new PGvector(vectors.get(i)));
    }
    indexes.ensure(tenant, embedder.model(), embedder.dimension());
    return present.size();
  }

  public Embedder embedder() {
    return embedder;
  }
}
