package app.collections.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/** An {@link Embedder} over langchain4j models: one for documents, one (or the same) for queries. */
public final class LangchainEmbedder implements Embedder {
  private final String model;
  private final int dimension;
  private final EmbeddingModel documents;
  private final EmbeddingModel queries;
  private final String documentPrefix;
  private final String queryPrefix;

  public LangchainEmbedder(String model, int dimension, EmbeddingModel documents, EmbeddingModel queries,
      String documentPrefix, String queryPrefix) {
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
    return documents.embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  @Override
  public float[] embedQuery(String text) {
    return queries.embed(queryPrefix + text).content().vector();
  }
}
