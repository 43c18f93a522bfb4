package app.collections.indexing;

import app.collections.embeddings.VectorIndexes;

import app.collections.embeddings.EmbeddingDao;

import app.collections.embeddings.Embedder;

import app.collections.auth.Tenant;
import app.collections.lifecycle.ItemLifecycle;
import app.collections.search.DocumentText;
import app.collections.search.SearchIndexDao;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The pipeline step after analysis: embeds the item's indexed document (body and gist, a vector
 * each) with the configured model, makes the item READY in the same transaction (it is now
 * findable in every mode) and, when the tenant's corpus has grown past the exact-scan size, gives
 * it its own HNSW index.
 */
public final class EmbeddingStep {
  private final Jdbi jdbi;
  private final Embedder embedder;
  private final SearchIndexDao documents;
  private final EmbeddingDao embeddings;
  private final VectorIndexes indexes;

  public EmbeddingStep(Jdbi jdbi, Embedder embedder, VectorIndexes indexes) {
    this.jdbi = jdbi;
    this.embedder = embedder;
    this.documents = jdbi.onDemand(SearchIndexDao.class);
    this.embeddings = jdbi.onDemand(EmbeddingDao.class);
    this.indexes = indexes;
  }

  /** False when the item (or its document) is gone: nothing left to embed. */
  public boolean embed(Tenant tenant, UUID itemId) {
    Optional<DocumentText> text = documents.text(tenant, itemId);
    if (text.isEmpty()) {
      return false;
    }
    List<float[]> vectors = embedder.embedDocuments(text.get().passages());
    boolean stored = storeFindable(tenant, itemId, vectors);
    indexes.ensure(tenant, embedder.model(), embedder.dimension());
    return stored;
  }

  /** The vectors and the READY they earn, together: a reader never sees READY without them. */
  private boolean storeFindable(Tenant tenant, UUID itemId, List<float[]> vectors) {
    return jdbi.inTransaction(h -> {
      boolean stored = h.attach(EmbeddingDao.class).store(tenant, itemId, embedder.model(), embedder.dimension(), vectors);
      if (stored) {
        ItemLifecycle.findable(h, tenant, itemId);
      }
      return stored;
    });
  }

  /** Embeds many items in one model call: what reindex and eval use. */
  public int embedAll(Tenant tenant, List<UUID> itemIds) {
    List<UUID> present = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<String> passages = new ArrayList<>();
    for (UUID id : itemIds) {
      documents.text(tenant, id).ifPresent(text -> {
        List<String> own = text.passages();
        present.add(id);
        counts.add(own.size());
        passages.addAll(own);
      });
    }
    List<float[]> vectors = passages.isEmpty() ? List.of() : embedder.embedDocuments(passages);
    int next = 0;
    for (int i = 0; i < present.size(); i++) {
      List<float[]> own = vectors.subList(next, next + counts.get(i));
      next += counts.get(i);
      storeFindable(tenant, present.get(i), own);
    }
    indexes.ensure(tenant, embedder.model(), embedder.dimension());
    return present.size();
  }

  public Embedder embedder() {
    return embedder;
  }
}
