package app.collections.assembly;

import app.collections.embeddings.Embedder;
import app.collections.embeddings.VectorIndexes;
import app.collections.indexing.EmbeddingStep;
import app.collections.search.SearchConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embedding items and keeping each tenant's vector plan: the pipeline's last step, and search's input. */
public record Indexing(Embedder embedder, VectorIndexes vectorIndexes, EmbeddingStep embedding) {
  private static final Logger LOG = LoggerFactory.getLogger(Indexing.class);

  /** {@code embedder}: the host's choice (Voyage when keyed; the local host's in-process model otherwise). */
  public static Indexing create(Persistence db, Embedder embedder, SearchConfiguration search) {
    LOG.info("Embedding model: {} ({} dimensions)", embedder.model(), embedder.dimension());
    VectorIndexes vectorIndexes = new VectorIndexes(db.jdbi(), search.getHnswThreshold());
    return new Indexing(embedder, vectorIndexes, new EmbeddingStep(db.jdbi(), embedder, vectorIndexes));
  }
}
