package app.collections.embeddings;

import app.collections.tracing.EmbeddingCallTracing;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * An {@link Embedder} over langchain4j models: one for documents, one (or the same) for queries.
 * Each call is a span and, for a keyed provider, a log line ({@link EmbeddingCallTracing}).
 */
public final class LangchainEmbedder implements Embedder {
  private final String provider;
  private final EmbeddingCallTracing.Where where;
  private final String model;
  private final int dimension;
  private final EmbeddingModel documents;
  private final EmbeddingModel queries;
  private final String documentPrefix;
  private final String queryPrefix;

  /** {@code provider} as the GenAI conventions name it (gen_ai.provider.name), e.g. voyage_ai. */
  public LangchainEmbedder(String provider, EmbeddingCallTracing.Where where, String model, int dimension,
      EmbeddingModel documents, EmbeddingModel queries, String documentPrefix, String queryPrefix) {
    this.provider = provider;
    this.where = where;
    this.documentPrefix = documentPrefix;
    this.model = model;
    this.dimension = dimension;
    this.documents = documents;
    this.queries = queries;
    this.queryPrefix = queryPrefix;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(documentPrefix + t)).toList();
    return EmbeddingCallTracing.call(provider, model, where, segments.size(), () -> documents.embedAll(segments))
        .stream().map(Embedding::vector).toList();
  }

  @Override
  public float[] embedQuery(String text) {
    return EmbeddingCallTracing.call(provider, model, where, 1, () -> queries.embed(queryPrefix + text)).vector();
  }
}
