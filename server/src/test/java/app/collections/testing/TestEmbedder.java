package app.collections.testing;

import app.collections.local.embeddings.LocalEmbedder;
import app.collections.embeddings.Embedder;
import app.collections.embeddings.EmbeddingConfiguration;
import app.collections.embeddings.Embedders;

/** The real in-process embedding model, loaded once per test JVM (it takes a second and ~100 MB). */
public final class TestEmbedder {
  private static Embedder local;

  private TestEmbedder() {}

  public static synchronized Embedder local() {
    if (local == null) {
      local = LocalEmbedder.create();
    }
    return local;
  }
}
