package app.collections.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.voyageai.VoyageAiEmbeddingModel;
import java.time.Duration;

/** Builds the configured {@link Embedder}. */
public final class Embedders {
  public static final String LOCAL_MODEL = "e5-small-v2";
  public static final int LOCAL_DIMENSION = 384;

  private Embedders() {}

  public static Embedder create(EmbeddingConfiguration config) {
    if (config.voyageConfigured()) {
      return new LangchainEmbedder(config.getVoyageModel(), config.getVoyageDimension(),
          voyage(config, "document"), voyage(config, "query"), "", "");
    }
    // Loading the ONNX model takes a moment and ~130 MB; one instance serves both roles. E5 was
    // trained with "query: " and "passage: " prefixes and ranks worse without them.
    EmbeddingModel local = LocalModel.load();
    return new LangchainEmbedder(LOCAL_MODEL, LOCAL_DIMENSION, local, local, "passage: ", "query: ");
  }

  private static VoyageAiEmbeddingModel voyage(EmbeddingConfiguration config, String inputType) {
    var builder = VoyageAiEmbeddingModel.builder()
        .apiKey(config.getVoyageApiKey())
        .modelName(config.getVoyageModel())
        .inputType(inputType)
        .timeout(Duration.ofSeconds(30))
        .maxRetries(2);
    if (config.getVoyageBaseUrl() != null && !config.getVoyageBaseUrl().isBlank()) {
      builder.baseUrl(config.getVoyageBaseUrl());
    }
    return builder.build();
  }

  /**
   * The in-process model, behind a class of its own: the Lambda artifact leaves the ONNX runtime
   * out, and a direct reference here would make the verifier load it even where Voyage is used.
   */
  private static final class LocalModel {
    static EmbeddingModel load() {
      return new dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel();
    }
  }
}
