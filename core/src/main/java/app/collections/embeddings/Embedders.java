package app.collections.embeddings;

import app.collections.lazy.Lazy;
import app.collections.tracing.EmbeddingCallTracing;
import app.collections.tracing.Tracing;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.voyageai.VoyageAiEmbeddingModel;
import java.time.Duration;

/** Builds the keyed {@link Embedder} (Voyage); the in-process model is the local host's. */
public final class Embedders {
  private Embedders() {}

  /**
   * Voyage, as configured; fails when its key is missing (the caller chooses what to use then).
   * Its models (and their HTTP clients) are built at the first embedding: a request that embeds
   * nothing, most of them, never pays for them.
   */
  public static Embedder voyage(EmbeddingConfiguration config) {
    if (!config.voyageConfigured()) {
      throw new IllegalStateException("no Voyage key is configured (embeddings.voyageApiKey, VOYAGE_API_KEY)");
    }
    return new LangchainEmbedder("voyage_ai", EmbeddingCallTracing.Where.REMOTE, config.getVoyageModel(), config.getVoyageDimension(),
        Lazy.of(EmbeddingModel.class, () -> voyage(config, "document")),
        Lazy.of(EmbeddingModel.class, () -> voyage(config, "query")), "", "");
  }
  private static VoyageAiEmbeddingModel voyage(EmbeddingConfiguration config, String inputType) {
    var builder = VoyageAiEmbeddingModel.builder()
        .apiKey(config.getVoyageApiKey())
        .modelName(config.getVoyageModel())
        .inputType(inputType)
        .timeout(Duration.ofSeconds(30))
        .maxRetries(2)
        .customHeaders(Tracing::outgoingHeaders);
    if (config.getVoyageBaseUrl() != null && !config.getVoyageBaseUrl().isBlank()) {
      builder.baseUrl(config.getVoyageBaseUrl());
    }
    return builder.build();
  }

}
