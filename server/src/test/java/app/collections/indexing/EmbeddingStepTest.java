package app.collections.indexing;

import app.collections.embeddings.VectorIndexes;

import app.collections.embeddings.Embedder;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.search.DocumentText;
import app.collections.search.SearchDocument;
import app.collections.search.SearchIndexDao;
import app.collections.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An item is embedded as its passages: the whole document (part 0) and its gist (part 1). */
class EmbeddingStepTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  static final Tenant alice = new Tenant("alice");

  @Test
  void embedsTheBodyAndTheGistAsPartsOfTheItem() {
    RecordingEmbedder embedder = new RecordingEmbedder();
    EmbeddingStep step = new EmbeddingStep(db.jdbi(), embedder, new VectorIndexes(db.jdbi(), 1000));
    UUID item = item("Ramen in Fukuoka\nA bowl at Ichiran.\nPlaces: Fukuoka", "Ramen in Fukuoka\nA bowl at Ichiran.");

    assertThat(step.embed(alice, item)).isTrue();

    assertThat(embedder.texts).containsExactly("Ramen in Fukuoka\nA bowl at Ichiran.\nPlaces: Fukuoka",
        "Ramen in Fukuoka\nA bowl at Ichiran.");
    assertThat(parts(item)).containsExactly(0, 1);
  }

  @Test
  void aNewAnalysisWithoutAGistDropsTheOldGistsVector() {
    EmbeddingStep step = new EmbeddingStep(db.jdbi(), new RecordingEmbedder(), new VectorIndexes(db.jdbi(), 1000));
    UUID item = item("Tokyo tower\nA view.\nPlaces: Tokyo", "Tokyo tower\nA view.");
    step.embed(alice, item);
    index(item, "Places: Tokyo", "");

    step.embed(alice, item);

    assertThat(parts(item)).containsExactly(0);
  }

  @Test
  void aGistThatIsTheWholeBodyIsNotEmbeddedTwice() {
    assertThat(new DocumentText("Only a headline", "Only a headline").passages()).containsExactly("Only a headline");
    assertThat(new DocumentText("Body", " ").passages()).containsExactly("Body");
    assertThat(new DocumentText("Body", "Gist").passages()).containsExactly("Body", "Gist");
  }

  @Test
  void anotherTenantsItemIsNotEmbedded() {
    EmbeddingStep step = new EmbeddingStep(db.jdbi(), new RecordingEmbedder(), new VectorIndexes(db.jdbi(), 1000));
    UUID item = item("Body\nmore", "Body");

    assertThat(step.embed(new Tenant("bob"), item)).isFalse();
  }

  private static UUID item(String body, String gist) {
    UUID id = UUID.randomUUID();
    db.jdbi().onDemand(ItemDao.class).insert(alice, new NewItem(id, "a.jpg", "a.jpg", "image/jpeg", 1, 1, 1, null, null));
    index(id, body, gist);
    return id;
  }

  private static void index(UUID id, String body, String gist) {
    db.jdbi().onDemand(SearchIndexDao.class).index(alice, id, UUID.randomUUID(),
        new SearchDocument(List.of(new SearchDocument.Field("headline", body, 1)), body, gist));
  }

  private static List<Integer> parts(UUID item) {
    return db.jdbi().withHandle(h -> h.createQuery(
            "SELECT part FROM embeddings WHERE user_id = :t AND item_id = :i ORDER BY part")
        .bind("t", alice.id()).bind("i", item).mapTo(Integer.class).list());
  }

  /** Records what it is asked to embed; each text gets a distinct unit vector. */
  static final class RecordingEmbedder implements Embedder {
    final List<String> texts = new ArrayList<>();

    public String model() { return "recording"; }
    public int dimension() { return 3; }

    public List<float[]> embedDocuments(List<String> batch) {
      texts.addAll(batch);
      return batch.stream().map(t -> {
        double angle = (t.hashCode() & 0xffff) / 65536.0 * Math.PI;
        return new float[] {(float) Math.cos(angle), (float) Math.sin(angle), 0};
      }).toList();
    }

    public float[] embedQuery(String text) { throw new UnsupportedOperationException(); }
  }
}
