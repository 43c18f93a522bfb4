package app.collections.embeddings;

import app.collections.local.embeddings.LocalEmbedder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.collections.testing.TestEmbedder;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-process model runs on a session of our own (one thread per embedding): its vectors must
 * be langchain4j's E5 model's, or every stored vector would need re-embedding.
 */
class LocalEmbedderTest {
  @Test
  void embedsQueriesAndDocumentsExactlyAsLangchain4jsE5Model() {
    Embedder ours = TestEmbedder.local();
    EmbeddingModel stock = new E5SmallV2EmbeddingModel();
    assertThat(ours.model()).isEqualTo(LocalEmbedder.MODEL);

    String query = "where was that ramen place in Fukuoka";
    assertSame(ours.embedQuery(query), stock.embed("query: " + query).content().vector());
    List<String> documents = List.of("Ichiran Ramen Headquarters in Fukuoka", "Seoul Sky Bridge at Lotte World Tower",
        "TeamLab Forest Fukuoka immersive digital art experience - 4800 JPY admission price");
    List<float[]> embedded = ours.embedDocuments(documents);
    for (int i = 0; i < documents.size(); i++) {
      assertSame(embedded.get(i), stock.embed("passage: " + documents.get(i)).content().vector());
    }
  }

  private static void assertSame(float[] actual, float[] expected) {
    assertThat(actual).hasSize(LocalEmbedder.DIMENSION).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("dimension %d", i).isCloseTo(expected[i], within(1e-5f));
    }
  }
}
