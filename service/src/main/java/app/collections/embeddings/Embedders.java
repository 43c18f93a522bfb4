package app.collections.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import dev.langchain4j.model.voyageai.VoyageAiEmbeddingModel;
import java.io.IOException;
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
   *
   * <p>langchain4j's own E5 class runs each embedding on every core with ONNX Runtime's spinning
   * worker threads. A query is a dozen tokens: there the hand-off costs more than it saves, and the
   * spinning takes the CPU the search's SQL needs beside it (HYBRID embeds while BM25 runs). One
   * thread per embedding, without spinning, embedded a query with the quantized e5 in ~5 ms instead
   * of ~8 (p95 7 instead of 16) on the 2-core development machine, with identical vectors; the
   * full-precision model takes ~10 ms so (two threads: 7-9). Batches of documents still use every
   * core, one document per thread.
   */
  private static final class LocalModel {
    private static final String MODEL = "/e5-small-v2.onnx";
    private static final String TOKENIZER = "/e5-small-v2-tokenizer.json";

    static EmbeddingModel load() {
      try (var model = E5SmallV2EmbeddingModel.class.getResourceAsStream(MODEL);
          var tokenizer = E5SmallV2EmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
        if (model == null || tokenizer == null) {
          throw new IllegalStateException("the e5-small-v2 model is not on the classpath");
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtSession session = environment.createSession(model.readAllBytes(), options);
        return new SingleThreaded(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
      } catch (IOException | OrtException e) {
        throw new IllegalStateException("cannot load the e5-small-v2 model", e);
      }
    }

    /** The encoder behind langchain4j's batching (null: its default executor, one thread a core). */
    private static final class SingleThreaded extends AbstractInProcessEmbeddingModel {
      private final OnnxBertBiEncoder encoder;

      SingleThreaded(OnnxBertBiEncoder encoder) {
        super(null);
        this.encoder = encoder;
      }

      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }

      @Override
      protected Integer knownDimension() {
        return LOCAL_DIMENSION;
      }
    }
  }
}
