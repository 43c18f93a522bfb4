package app.collections.embeddings;

import java.util.List;

/**
 * Text → vector, for one model. Documents and queries are embedded differently by retrieval models
 * (an instruction prefix for BGE, an input type for Voyage), hence two methods.
 */
public interface Embedder {
  /** The name stored with every vector: a different name means a re-embed, never a mix. */
  String model();

  int dimension();

  List<float[]> embedDocuments(List<String> texts);

  float[] embedQuery(String text);
}
