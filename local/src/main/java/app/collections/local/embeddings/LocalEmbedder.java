package app.collections.local.embeddings;

import app.collections.embeddings.Embedder;
import app.collections.embeddings.LangchainEmbedder;
import app.collections.tracing.EmbeddingCallTracing;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import java.io.IOException;

/** The in-process embedding model (e5-small-v2, quantized ONNX): the embedder when no Voyage key is set. */
public final class LocalEmbedder {
  public static final String MODEL = "e5-small-v2";
  public static final int DIMENSION = 384;
  /** Its spans' gen_ai.provider.name: computed here, by ONNX Runtime. */
  static final String PROVIDER = "onnxruntime";

  private LocalEmbedder() {}

  public static Embedder create() {
    // Loading the ONNX model takes a moment and ~130 MB; one instance serves both roles. E5 was
    // trained with "query: " and "passage: " prefixes and ranks worse without them.
    EmbeddingModel local = LocalModel.load();
    return new LangchainEmbedder(PROVIDER, EmbeddingCallTracing.Where.IN_PROCESS, MODEL, DIMENSION, local, local,
        "passage: ", "query: ");
  }

  /**
   * langchain4j's own E5 class runs each embedding on every core with ONNX Runtime's spinning
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
        return DIMENSION;
      }
    }
  }
}
